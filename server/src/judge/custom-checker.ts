import type Docker from 'dockerode';
import type { CheckerSpec } from '../challenges/index.ts';
import type { JudgeLimits } from '../config/index.ts';
import { KodbroError } from '../errors.ts';
import { expandArgv, LANGUAGES } from '../languages/index.ts';
import { imageFor, openBox, type Box, type TarEntry } from '../sandbox/index.ts';
import type { CheckResult } from './checkers.ts';

type CustomChecker = Extract<CheckerSpec, { kind: 'custom' }>;

const CHECKER_MEMORY_MB = 1024;
const CHECKER_WALL_MS = 30_000;
const CHECKER_OUTPUT_BYTES = 64 * 1024;
/** The Kattis output-validator interface. */
const ACCEPT = 42;
const REJECT = 43;

export interface CheckerRunner {
  check(input: Buffer, answer: Buffer, output: Buffer): Promise<CheckResult>;
  close(): Promise<void>;
}

/**
 * A custom checker in a container of its own: the candidate's output goes in
 * as data on standard input, never the other way round, and its container
 * never runs candidate code. Compiled once per submission. `signal` is the
 * judgement's: when it is stopped, the checker's container goes with it.
 */
export async function openCustomChecker(
  docker: Docker,
  checker: CustomChecker,
  caps: JudgeLimits,
  deadline: number,
  signal?: AbortSignal,
): Promise<CheckerRunner> {
  const { box, runArgv: programArgv, env } = await openJudgeProgram(docker, checker, caps, deadline, signal, 'checker');
  const runArgv = [...programArgv, '/box/t/in', '/box/t/ans', '/box/t/feedback/', ...checker.args];

  // One check at a time: each exec's wrapper kills every other process in the box.
  const serialised = oneAtATime();

  return {
    check: (input, answer, output) => serialised(() => checkOnce(input, answer, output)),
    close: () => box.destroy(),
  };

  async function checkOnce(input: Buffer, answer: Buffer, output: Buffer): Promise<CheckResult> {
    // The test's files and the candidate's output arrive in one tar; the output becomes standard input.
    const run = await box.exec({
      argv: runArgv,
      files: [
        { path: 't/in', content: input },
        { path: 't/ans', content: answer },
        { path: 't/out', content: output },
        { path: 't/feedback/.keep', content: Buffer.alloc(0) },
      ],
      stdinFile: '/box/t/out',
      env,
      wallTimeMs: CHECKER_WALL_MS,
      stdoutLimit: CHECKER_OUTPUT_BYTES,
      stderrLimit: CHECKER_OUTPUT_BYTES,
    });
    if (run.exitCode === ACCEPT) return { accepted: true };
    if (run.exitCode === REJECT) return { accepted: false, reason: firstLine(run.stdout) || firstLine(run.stderr) || 'rejected by the checker' };
    throw new KodbroError(
      'checker_failed',
      `The custom checker failed (exit ${run.exitCode ?? 'none'}${run.timedOut ? ', timed out' : ''}): ${firstLine(run.stderr)}`,
    );
  }
}

/** Runs the work it is given one after another, each after the last settled (a box runs one command at a time). */
export function oneAtATime(): <T>(work: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return (work) => {
    const next = queue.then(work);
    queue = next.catch(() => {});
    return next;
  };
}

/** A program of the package's (a checker or an interactor) compiled in a box of its own: the argv that runs it, without arguments. */
export interface JudgeProgram {
  box: Box;
  runArgv: string[];
  env: Readonly<Record<string, string>>;
}

/**
 * Opens a box in the program's language and builds the program there. Its
 * container never runs candidate code; `signal` is the judgement's, so the
 * box goes when the judgement stops.
 */
export async function openJudgeProgram(
  docker: Docker,
  program: Pick<CustomChecker, 'language' | 'entry' | 'files'>,
  caps: JudgeLimits,
  deadline: number,
  signal: AbortSignal | undefined,
  what: 'checker' | 'interactor',
): Promise<JudgeProgram> {
  const spec = LANGUAGES[program.language];
  const box = await openBox(
    docker,
    { image: await imageFor(spec.image), memoryMb: Math.max(CHECKER_MEMORY_MB, caps.compileMemoryMb), deadline, purpose: 'checker' },
    { signal },
  );
  try {
    const files = program.files.map((f) => ({ path: f.path, content: f.content, mode: 0o755 }));
    if (spec.compile) await compileChecker(box, spec.compile, program.entry, files, spec.env, caps, what);
    else await box.writeFiles(files);
  } catch (error) {
    await box.destroy().catch(() => {});
    throw error;
  }
  return { box, runArgv: expandArgv(spec.run, { file: program.entry, memoryMb: CHECKER_MEMORY_MB - spec.memoryOverheadMb }), env: spec.env ?? {} };
}

async function compileChecker(
  box: Box,
  compile: readonly string[],
  entry: string,
  files: TarEntry[],
  env: Readonly<Record<string, string>> | undefined,
  caps: JudgeLimits,
  what: 'checker' | 'interactor',
): Promise<void> {
  const run = await box.exec({
    argv: expandArgv(compile, { file: entry, memoryMb: CHECKER_MEMORY_MB }),
    files,
    env: env ?? {},
    wallTimeMs: caps.compileTimeMs,
    stdoutLimit: caps.compileOutputKb * 1024,
    stderrLimit: caps.compileOutputKb * 1024,
  });
  if (run.exitCode !== 0) {
    throw new KodbroError('checker_failed', `The ${what === 'checker' ? 'custom checker' : 'interactor'} does not compile: ${run.stderr.toString('utf8').slice(0, 2000)}`);
  }
}

function firstLine(bytes: Buffer): string {
  return bytes.toString('utf8').split('\n')[0]?.slice(0, 200) ?? '';
}
