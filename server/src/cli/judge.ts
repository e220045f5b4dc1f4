import type { JudgeResult } from '../contracts/index.ts';
import type { EarlyStart } from './early-box.ts';
import { imagesFor, judgeDeps, languagesNeeded, progressPrinter, readSource, solutionLanguage } from './shared.ts';
import type { Log } from './signals.ts';

export interface JudgeArgs {
  packageDir: string;
  solutionFile: string;
  language: string | undefined;
  json: boolean;
}

/**
 * `judge <package-dir> <solution-file> [--language <id>] [--json]`. Exit 0
 * whenever judging worked, whatever the verdict; 1 when it could not judge
 * (our infrastructure failed, or Ctrl+C stopped it): then the JSON says
 * `system_error`, for the operators who script against it. `early` (Ctrl+C
 * handling, the Docker client, the solution's box) was started before this
 * module loaded; the caller closes it.
 */
export async function judgeCommand(args: JudgeArgs, log: Log, early: EarlyStart): Promise<number> {
  const { stop, docker, boxes } = early;
  const modules = Promise.all([import('../challenges/index.ts'), import('../judge/index.ts')]);
  // The judge reads no statement, so the package loads without parsing them (nor their parsers).
  const loaded = modules.then(([{ loadChallenge }]) => loadChallenge(args.packageDir, { statements: 'skip' }));
  loaded.catch(() => {});
  // What is wrong with the package is said first, as when it was loaded first.
  const afterPackage = <T>(step: () => T | Promise<T>): Promise<T> =>
    Promise.resolve()
      .then(step)
      .catch(async (error: unknown) => {
        await loaded;
        throw error;
      });
  const language = await afterPackage(() => solutionLanguage(args.solutionFile, args.language));
  const source = await afterPackage(() => readSource(args.solutionFile));
  const deps = await afterPackage(() => judgeDeps([language], log, docker));
  const challenge = await loaded;
  const [, { judgeSubmission }] = await modules;
  await imagesFor(deps.docker, languagesNeeded(challenge, [language]), log);
  // Without an early box (none could start), the judge opens its own.
  const outcome = await judgeSubmission(challenge, { language, source }, { ...deps, boxes: boxes ?? undefined }, { onEvent: progressPrinter(log), signal: stop.signal });
  if (outcome.kind !== 'judged') {
    process.stdout.write(args.json ? `${JSON.stringify(failureJson(outcome.reason))}\n` : formatFailure(outcome.reason));
    return 1;
  }
  process.stdout.write(args.json ? `${JSON.stringify(toJson(outcome.result))}\n` : formatResult(outcome.result));
  return 0;
}

/** The documented `--json` shape: other tools script against it. */
export function toJson(result: JudgeResult) {
  return {
    verdict: result.verdict,
    score: result.score,
    tests: result.tests.map((t) => ({ id: t.id, verdict: t.verdict, timeMs: t.timeMs, memoryKb: t.memoryKb })),
    ...(result.compileOutput !== undefined ? { compileOutput: result.compileOutput } : {}),
  };
}

/** The same shape when nothing could be judged: `system_error`, never the solution's fault. */
export function failureJson(reason: string) {
  return { verdict: 'system_error' as const, score: 0, tests: [], systemError: reason };
}

export function formatFailure(reason: string): string {
  return `verdict: system_error\nscore: 0/100\n\nsystem error: ${reason}\n`;
}

export function formatResult(result: JudgeResult): string {
  const lines = [`verdict: ${result.verdict}`, `score: ${result.score}/100`];
  if (result.compileOutput) lines.push('', 'compiler output:', result.compileOutput);
  if (result.tests.length && result.verdict !== 'compile_error') {
    const width = Math.max(4, ...result.tests.map((t) => t.id.length));
    lines.push('', `${'test'.padEnd(width)}  ${'verdict'.padEnd(14)}  ${'time'.padStart(8)}  ${'memory'.padStart(9)}`);
    for (const t of result.tests) {
      lines.push(`${t.id.padEnd(width)}  ${t.verdict.padEnd(14)}  ${`${t.timeMs} ms`.padStart(8)}  ${`${Math.round(t.memoryKb / 1024)} MB`.padStart(9)}`);
    }
    lines.push('', 'groups:', ...result.groups.map((g) => `  ${g.id}: ${g.earned}/${g.points}`));
  }
  return `${lines.join('\n')}\n`;
}
