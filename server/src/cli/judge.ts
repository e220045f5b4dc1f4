import { loadChallenge } from '../challenges/index.ts';
import type { JudgeResult } from '../contracts/index.ts';
import { judgeSubmission } from '../judge/index.ts';
import { judgeDeps, languagesNeeded, progressPrinter, readSource, solutionLanguage, type Log } from './shared.ts';

export interface JudgeArgs {
  packageDir: string;
  solutionFile: string;
  language: string | undefined;
  json: boolean;
}

/**
 * `judge <package-dir> <solution-file> [--language <id>] [--json]`. Exit 0
 * whenever judging worked, whatever the verdict; 1 when it could not judge
 * (system_error included).
 */
export async function judgeCommand(args: JudgeArgs, log: Log): Promise<number> {
  const challenge = await loadChallenge(args.packageDir);
  const language = solutionLanguage(args.solutionFile, args.language);
  const source = await readSource(args.solutionFile);
  const deps = await judgeDeps(languagesNeeded(challenge, [language]), log);
  const result = await judgeSubmission(challenge, { language, source }, deps, { onEvent: progressPrinter(log) });
  if (args.json) process.stdout.write(`${JSON.stringify(toJson(result))}\n`);
  else process.stdout.write(formatResult(result));
  return result.verdict === 'system_error' ? 1 : 0;
}

/** The documented `--json` shape: other tools script against it. */
export function toJson(result: JudgeResult) {
  return {
    verdict: result.verdict,
    score: result.score,
    tests: result.tests.map((t) => ({ id: t.id, verdict: t.verdict, timeMs: t.timeMs, memoryKb: t.memoryKb })),
    ...(result.compileOutput !== undefined ? { compileOutput: result.compileOutput } : {}),
    ...(result.systemError !== undefined ? { systemError: result.systemError } : {}),
  };
}

export function formatResult(result: JudgeResult): string {
  const lines = [`verdict: ${result.verdict}`, `score: ${result.score}/100`];
  if (result.compileOutput) lines.push('', 'compiler output:', result.compileOutput);
  if (result.systemError) lines.push('', `system error: ${result.systemError}`);
  if (result.tests.length && result.verdict !== 'compile_error' && result.verdict !== 'system_error') {
    const width = Math.max(4, ...result.tests.map((t) => t.id.length));
    lines.push('', `${'test'.padEnd(width)}  ${'verdict'.padEnd(14)}  ${'time'.padStart(8)}  ${'memory'.padStart(9)}`);
    for (const t of result.tests) {
      lines.push(`${t.id.padEnd(width)}  ${t.verdict.padEnd(14)}  ${`${t.timeMs} ms`.padStart(8)}  ${`${Math.round(t.memoryKb / 1024)} MB`.padStart(9)}`);
    }
    lines.push('', 'groups:', ...result.groups.map((g) => `  ${g.id}: ${g.earned}/${g.points}`));
  }
  return `${lines.join('\n')}\n`;
}
