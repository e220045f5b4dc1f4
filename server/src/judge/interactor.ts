import type Docker from 'dockerode';
import type { CheckerSpec } from '../challenges/index.ts';
import type { JudgeLimits } from '../config/index.ts';
import { KodbroError } from '../errors.ts';
import type { ExecOutcome } from '../sandbox/index.ts';
import { oneAtATime, openJudgeProgram } from './custom-checker.ts';
import { createBytePipe, createTranscript, type InteractorObservation } from './interaction.ts';

type Interactor = Extract<CheckerSpec, { kind: 'interactor' }>;

/** What the interactor may write to the program in one test: generous for a protocol, bounded for the host (it is held in memory). */
export const INTERACTOR_OUTPUT_BYTES = 16 * 1024 * 1024;
const INTERACTOR_STDERR_BYTES = 64 * 1024;
/** The interactor outlives the program's longest wall clock by this much, so a hang is always the program's first. */
const INTERACTOR_WALL_MARGIN_MS = 10_000;

/** Starts the candidate's program with this input stream and output sink, and resolves when it ended. */
export type ProgramRun = (stdin: AsyncIterable<Buffer>, onStdout: (chunk: Buffer) => void) => Promise<ExecOutcome>;

export interface Exchange {
  program: ExecOutcome;
  interactor: InteractorObservation;
  /** The interactor's own words (the first line of its standard error), for staff. */
  interactorSaid: string;
  /** The exchange in `.interaction` form, when asked for. */
  transcript?: { text: string; truncated: boolean };
}

export interface InteractorRunner {
  /**
   * One test: the interactor runs on the test's input and answer files, the
   * program through `run`, and each one's standard output becomes the
   * other's standard input, through the host. Resolves when both ended.
   */
  interact(test: { input: Buffer; answer: Buffer }, run: ProgramRun, options: { programMaxWallMs: number; programOutputBytes: number; transcriptBytes?: number }): Promise<Exchange>;
  close(): Promise<void>;
}

/**
 * The package's interactor in a container of its own, built once per
 * submission. It alone holds the test's answer file; the program's box gets
 * nothing but the bytes the interactor wrote, so candidate code can neither
 * read the answer nor reach the interactor except through its stream.
 */
export async function openInteractor(docker: Docker, interactor: Interactor, caps: JudgeLimits, deadline: number, signal?: AbortSignal): Promise<InteractorRunner> {
  const { box, runArgv, env } = await openJudgeProgram(docker, interactor, caps, deadline, signal, 'interactor');
  const argv = [...runArgv, '/box/t/in', '/box/t/ans', '/box/t/feedback/', ...interactor.args];

  // One exchange at a time: the runner in the box runs one command at a time.
  const serialised = oneAtATime();

  return {
    interact: (test, run, options) => serialised(() => interactOnce(test, run, options)),
    close: () => box.destroy(),
  };

  async function interactOnce(
    test: { input: Buffer; answer: Buffer },
    run: ProgramRun,
    options: { programMaxWallMs: number; programOutputBytes: number; transcriptBytes?: number },
  ): Promise<Exchange> {
    // A fresh folder per test: what the last test's interactor left in its feedback folder must not carry over.
    const cleared = await box.exec({ argv: ['rm', '-rf', '/box/t'], wallTimeMs: 10_000, stdoutLimit: 1024, stderrLimit: 1024 });
    if (cleared.exitCode !== 0) throw new KodbroError('sandbox_failed', 'Could not clear the interactor’s test folder');
    await box.writeFiles([
      { path: 't/in', content: test.input },
      { path: 't/ans', content: test.answer },
      { path: 't/feedback/.keep', content: Buffer.alloc(0) },
    ]);

    const transcript = options.transcriptBytes === undefined ? undefined : createTranscript(options.transcriptBytes);
    const toProgram = createBytePipe(INTERACTOR_OUTPUT_BYTES);
    const toInteractor = createBytePipe(options.programOutputBytes);
    let programEnded = false;
    let interactorEndedFirst = false;
    // Whichever side ends, the other's input ends too: it reads what is in flight, then its end of input.
    const endBoth = () => {
      toProgram.end();
      toInteractor.end();
    };

    const interactorRun = box
      .exec({
        argv,
        stdin: toInteractor,
        onStdout: (chunk) => {
          transcript?.add('judge', chunk);
          toProgram.write(chunk);
        },
        env,
        wallTimeMs: options.programMaxWallMs + INTERACTOR_WALL_MARGIN_MS,
        stdoutLimit: INTERACTOR_OUTPUT_BYTES,
        stderrLimit: INTERACTOR_STDERR_BYTES,
      })
      .finally(() => {
        interactorEndedFirst = !programEnded;
        endBoth();
      });
    const programRun = run(toProgram, (chunk) => {
      transcript?.add('program', chunk);
      toInteractor.write(chunk);
    }).finally(() => {
      programEnded = true;
      endBoth();
    });

    const [program, interactor] = await Promise.allSettled([programRun, interactorRun]);
    if (program.status === 'rejected') throw program.reason;
    if (interactor.status === 'rejected') throw interactor.reason;
    const said = interactor.value.stderr.toString('utf8').split('\n')[0]?.slice(0, 200) ?? '';
    return {
      program: program.value,
      interactor: {
        exitCode: interactor.value.exitCode,
        timedOut: interactor.value.timedOut,
        outputLimitExceeded: interactor.value.outputLimitExceeded || toProgram.overflowed(),
        endedFirst: interactorEndedFirst,
      },
      interactorSaid: said,
      ...(transcript ? { transcript: { text: transcript.text(), truncated: transcript.truncated() } } : {}),
    };
  }
}
