import { readFile } from 'node:fs/promises';
import { resolveInside, type Challenge } from '../challenges/index.ts';
import type { JudgeEvent, Verdict } from '../contracts/index.ts';
import { languageForFile } from '../languages/index.ts';
import { judgeSubmission, type JudgeDeps } from './judge.ts';

export interface SolutionCheck {
  file: string;
  expect: Verdict;
  got: Verdict;
  score: number;
  /** The accepted solutions must also pass the samples a candidate sees. */
  samples?: Verdict;
  ok: boolean;
  detail?: string;
}

/**
 * Judges every listed solution of a package and compares each verdict with
 * the one it expects. Accepted solutions must also pass the samples.
 */
export async function checkSolutions(
  challenge: Challenge,
  root: string,
  deps: JudgeDeps,
  onProgress: (file: string, event: JudgeEvent) => void = () => {},
): Promise<SolutionCheck[]> {
  const checks: SolutionCheck[] = [];
  for (const solution of challenge.solutions) {
    const language = languageForFile(solution.file);
    if (!language) {
      checks.push({ ...solution, got: 'system_error', score: 0, ok: false, detail: 'no language uses this extension' });
      continue;
    }
    const source = await readFile(resolveInside(root, solution.file), 'utf8');
    const submission = { language: language.id, source };
    const result = await judgeSubmission(challenge, submission, deps, { onEvent: (e) => onProgress(solution.file, e) });
    const check: SolutionCheck = { ...solution, got: result.verdict, score: result.score, ok: result.verdict === solution.expect };
    if (result.compileOutput && solution.expect !== 'compile_error') check.detail = result.compileOutput.split('\n').slice(0, 5).join('\n');
    if (result.systemError) check.detail = result.systemError;
    if (solution.expect === 'accepted' && challenge.samples.length) {
      const samples = await judgeSubmission(challenge, submission, deps, { testSet: 'samples' });
      check.samples = samples.verdict;
      if (samples.verdict !== 'accepted') {
        check.ok = false;
        check.detail = `fails the samples (${samples.verdict}): ${samples.tests.find((t) => t.verdict !== 'accepted')?.id ?? ''}`;
      }
    }
    checks.push(check);
  }
  return checks;
}
