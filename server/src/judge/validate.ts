import { readFile } from 'node:fs/promises';
import { resolveInside, type StoredChallenge as Challenge } from '../challenges/index.ts';
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
  /** Set when it could not be judged for the system's reasons (not the solution's): our infrastructure failed, or the run was stopped. */
  unjudged?: 'infrastructure_failed' | 'aborted';
}

/**
 * Judges every listed solution of a package and compares each verdict with
 * the one it expects. Accepted solutions must also pass the samples. A
 * solution that could not be judged (our infrastructure failed) is a failed
 * check with `system_error` and the reason; after an abort the rest are not
 * judged.
 */
export async function checkSolutions(
  challenge: Challenge,
  root: string,
  deps: JudgeDeps,
  options: { onProgress?: (file: string, event: JudgeEvent) => void; signal?: AbortSignal } = {},
): Promise<SolutionCheck[]> {
  const checks: SolutionCheck[] = [];
  const signal = options.signal ? { signal: options.signal } : {};
  for (const solution of challenge.solutions) {
    const language = languageForFile(solution.file);
    if (!language) {
      checks.push({ ...solution, got: 'system_error', score: 0, ok: false, detail: 'no language uses this extension' });
      continue;
    }
    const source = await readFile(resolveInside(root, solution.file), 'utf8');
    const submission = { language: language.id, source };
    const onEvent = (event: JudgeEvent) => options.onProgress?.(solution.file, event);
    const outcome = await judgeSubmission(challenge, submission, deps, { onEvent, ...signal });
    if (outcome.kind !== 'judged') {
      checks.push({ ...solution, got: 'system_error', score: 0, ok: false, detail: outcome.reason, unjudged: outcome.kind });
      if (outcome.kind === 'aborted') break;
      continue;
    }
    const result = outcome.result;
    const check: SolutionCheck = { ...solution, got: result.verdict, score: result.score, ok: result.verdict === solution.expect };
    if (result.compileOutput && solution.expect !== 'compile_error') check.detail = result.compileOutput.split('\n').slice(0, 5).join('\n');
    if (solution.expect === 'accepted' && challenge.samples.length) {
      const samples = await judgeSubmission(challenge, submission, deps, { testSet: 'samples', ...signal });
      if (samples.kind !== 'judged') {
        check.samples = 'system_error';
        check.ok = false;
        check.unjudged = samples.kind;
        check.detail = `the samples could not be judged: ${samples.reason}`;
      } else {
        check.samples = samples.result.verdict;
        if (samples.result.verdict !== 'accepted') {
          check.ok = false;
          check.detail = `fails the samples (${samples.result.verdict}): ${samples.result.tests.find((t) => t.verdict !== 'accepted')?.id ?? ''}`;
        }
      }
    }
    checks.push(check);
    if (signal.signal?.aborted) break;
  }
  return checks;
}
