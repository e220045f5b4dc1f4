import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { hiddenTests, isInteractive, isTranscriptOnly, readTestData, resolveLimits, type CheckerSpec, type ResolvedLimits, type StoredChallenge as Challenge, type TestCase as LoadedTestCase, type TestData, type TestGroup as LoadedTestGroup } from '../challenges/index.ts';
import type { JudgeLimits } from '../config/index.ts';
import {
  MAX_SHOWN_OUTPUT_BYTES,
  MAX_SOURCE_BYTES,
  type JudgedVerdict,
  type JudgeEvent,
  type JudgeResult,
  type LanguageId,
  type RunOutput,
  type TestDifference,
  type TestResult,
  type FunctionSignature,
  type ValueComparison,
  type ValueType,
} from '../contracts/index.ts';
import { KodbroError } from '../errors.ts';
import { codegenFor, decodeOutput, encodeInput, formatValue, parseJson, sameValue, valueProblem, type Decoded } from '../signatures/index.ts';
import { expandArgv, LANGUAGES, memoryCaps, sourceFileName, type LanguageSpec } from '../languages/index.ts';
import { imageFor, openBox, type Box, type BoxPool, type ExecOutcome, type TarEntry } from '../sandbox/index.ts';
import { checkOutput, type CheckResult } from './checkers.ts';
import { firstDifference } from './difference.ts';
import { sanitiseText } from './sanitise.ts';
import { openCustomChecker, type CheckerRunner } from './custom-checker.ts';
import { interactiveVerdict } from './interaction.ts';
import { INTERACTOR_OUTPUT_BYTES, openInteractor, type Exchange, type InteractorRunner } from './interactor.ts';
import { runFailure } from './run-verdict.ts';
import { overallVerdict, scoreGroups } from './scoring.ts';

// Test data may be in memory or in the files of an unpacked version (the catalog's): read when a test runs.
type TestCase = LoadedTestCase<TestData>;
type TestGroup = LoadedTestGroup<TestData>;

export interface Submission {
  language: LanguageId;
  source: string;
}

export interface JudgeDeps {
  docker: Docker;
  limits: JudgeLimits;
  /** Warm boxes (the worker pool's); without it every judgement makes its own. */
  boxes?: BoxPool | undefined;
}

export interface JudgeOptions {
  /**
   * Progress; the web application forwards these as they are. Tests run on
   * several boxes at once, so events of different tests may interleave. Never
   * called once the judgement is stopped (aborted, out of budget, failed).
   */
  onEvent?: (event: JudgeEvent) => void;
  /**
   * Which tests to run: the hidden tests (scored), the samples (0 points), or
   * one run on the candidate's own input (no answer to compare: a run that
   * ends normally is `accepted`).
   */
  testSet?: 'hidden' | 'samples' | { customInput: Buffer };
  /**
   * Keep what each run printed (capped) in the result. For samples and custom
   * input only: the caller must never ask for it on hidden tests.
   */
  captureOutput?: boolean;
  /**
   * Stops the judgement (the worker pool's, at shutdown): its containers are
   * force-removed at once, no event follows, and the outcome is `aborted`.
   */
  signal?: AbortSignal;
  /** The watchdog's budget; by default `judgingBudgetMs`. Tests pass a small one. */
  budgetMs?: number;
}

/**
 * What judging a submission came to. Either its programs ran and there is a
 * verdict, or there is none and it is nobody's fault but ours (never shown as
 * the candidate's): our infrastructure failed — Docker, the sandbox, a custom
 * checker, or the time budget ran out — and the queue may try again; or the
 * caller stopped it on purpose, and it should simply run again later.
 */
export type JudgeOutcome =
  /** `differences`: for staff only, where the first rejected hidden tests' outputs part from their answers. */
  | { kind: 'judged'; result: JudgeResult; differences: TestDifference[] }
  | { kind: 'infrastructure_failed'; reason: string }
  | { kind: 'aborted'; reason: string };

/** Why a judgement stopped before it had a result: also the reason its controller is aborted with. */
type Stopped = Exclude<JudgeOutcome, { kind: 'judged' }>;

/**
 * A test's clocks: a run is stopped as soon as its CPU time passes the limit
 * (the sandbox reads it as the run goes); one that uses less (starved by
 * other boxes on a busy machine, finished while Docker is slow to report it,
 * or asleep) ends at `maxWallTimeMs`. `wallTimeMs` is final only where the
 * host cannot read the box's CPU time (a remote Docker).
 */
export function wallClockFor(limits: Pick<ResolvedLimits, 'timeMs'>): { wallTimeMs: number; maxWallTimeMs: number } {
  return { wallTimeMs: Math.round(limits.timeMs * 1.5) + 500, maxWallTimeMs: limits.timeMs * 3 + 1000 };
}

/**
 * The longest a whole judgement may take before the watchdog stops it: two
 * compiles, every test at its longest wall clock plus Docker's overhead, and a
 * minute to spare. Only a wedged Docker daemon or a bug gets there.
 */
export function judgingBudgetMs(caps: JudgeLimits, limits: Pick<ResolvedLimits, 'timeMs'>, testCount: number): number {
  return caps.compileTimeMs * 2 + testCount * (wallClockFor(limits).maxWallTimeMs + 5000) + 60_000;
}

/**
 * Judges one submission, once: compiles it inside each of its sandbox boxes,
 * runs every test (spread over the boxes), compares each output on the
 * server and scores the groups.
 *
 * Everything the judgement starts hangs on one AbortController, which three
 * things abort: the caller's `signal`, the watchdog (the budget ran out), and
 * the first fault anywhere (so no other box keeps running or reporting). On
 * abort every container is removed at once and no event follows. A fault is
 * not retried here: the queue is the one place that retries, with backoff.
 *
 * Refusals of the submission itself (a language the challenge does not
 * allow, a source too large) are thrown as KodbroErrors before anything runs.
 */
export async function judgeSubmission(
  challenge: Challenge,
  submission: Submission,
  deps: JudgeDeps,
  options: JudgeOptions = {},
): Promise<JudgeOutcome> {
  const language = checkSubmission(challenge, submission);
  const groups = testGroups(challenge, options.testSet ?? 'hidden');
  const limits = resolveLimits(challenge.limits, language, deps.limits);
  const tests = hiddenTests({ groups });
  const budgetMs = options.budgetMs ?? judgingBudgetMs(deps.limits, limits, tests.length);
  const caller = options.signal;
  if (caller?.aborted) return { kind: 'aborted', reason: describe(caller.reason, 'stopped by the caller') };

  const control = new AbortController();
  const stop = (why: Stopped) => control.abort(why);
  const onCallerAbort = () => stop({ kind: 'aborted', reason: describe(caller?.reason, 'stopped by the caller') });
  caller?.addEventListener('abort', onCallerAbort, { once: true });
  let lastSteps = () => 'none';
  const watchdog = setTimeout(
    () => stop({ kind: 'infrastructure_failed', reason: `Judging took longer than its ${Math.round(budgetMs / 1000)} s budget; last sandbox steps: ${lastSteps()}` }),
    budgetMs,
  );
  const onEvent = options.onEvent;
  const judgement: Judgement = {
    challenge,
    groups,
    submission,
    language,
    deps,
    limits,
    tests,
    deadline: Date.now() + budgetMs,
    captureOutput: options.captureOutput === true && options.testSet !== undefined && options.testSet !== 'hidden',
    signal: control.signal,
    emit: (event) => {
      if (!control.signal.aborted) onEvent?.(event);
    },
    fail: (error) => stop({ kind: 'infrastructure_failed', reason: describe(error, String(error)) }),
    onBox: (box) => {
      lastSteps = () => box.history().join('; ') || 'none';
    },
  };
  try {
    return { kind: 'judged', ...(await runJudgement(judgement)) };
  } catch (error) {
    // The first reason to stop wins; an error without one is a fault of the last step that ran.
    return control.signal.aborted ? (control.signal.reason as Stopped) : { kind: 'infrastructure_failed', reason: describe(error, String(error)) };
  } finally {
    clearTimeout(watchdog);
    caller?.removeEventListener('abort', onCallerAbort);
  }
}

function describe(reason: unknown, otherwise: string): string {
  if (reason instanceof Error) return reason.message;
  return typeof reason === 'string' ? reason : otherwise;
}

/** The custom-input run has no answer: its group carries no checker and earns nothing. */
const CUSTOM_GROUP = 'custom';

function testGroups(challenge: Challenge, testSet: NonNullable<JudgeOptions['testSet']>): TestGroup[] {
  if (testSet === 'hidden') return challenge.groups;
  // A sample that is only a transcript has no input to run (an interactive package may show one without it).
  if (testSet === 'samples') return [{ id: 'samples', points: 0, tests: challenge.samples.filter((sample) => !isTranscriptOnly(sample)) }];
  // The interactor, not a file, is an interactive program's input: there is no input of the candidate's to run on.
  if (isInteractive(challenge)) throw new KodbroError('invalid_argument', `${challenge.id} is interactive: it runs against its interactor, not on custom input`);
  return [{ id: CUSTOM_GROUP, points: 0, tests: [{ id: 'custom', input: testSet.customInput, answer: Buffer.alloc(0) }] }];
}

function checkSubmission(challenge: Challenge, submission: Submission): LanguageSpec {
  const language = LANGUAGES[submission.language];
  if (!language) throw new KodbroError('language_unknown', `Unknown language ${String(submission.language)}`);
  if (!challenge.languages.includes(submission.language)) {
    throw new KodbroError('language_not_allowed', `${language.name} is not allowed for ${challenge.id}`);
  }
  if (Buffer.byteLength(submission.source, 'utf8') > MAX_SOURCE_BYTES) {
    throw new KodbroError('source_too_large', `The source is larger than ${MAX_SOURCE_BYTES / 1024} KB`);
  }
  return language;
}

/** Everything one judgement needs, resolved once. */
interface Judgement {
  challenge: Challenge;
  groups: TestGroup[];
  submission: Submission;
  language: LanguageSpec;
  deps: JudgeDeps;
  limits: ResolvedLimits;
  /** Hidden tests (or samples) in judging order. */
  tests: { group: TestGroup; test: TestCase }[];
  /** The containers' deadline label, for the reaper. */
  deadline: number;
  captureOutput: boolean;
  /** Aborted when the judgement stops for any reason; every box and checker hangs on it. */
  signal: AbortSignal;
  /** Reports progress while the judgement runs; silent once it is stopped. */
  emit: (event: JudgeEvent) => void;
  /** Stops the whole judgement because of this fault (the first one wins). */
  fail: (error: unknown) => void;
  /** The first box, whose steps explain a judgement that ran out of budget. */
  onBox: (box: Box) => void;
}

/** At most this many tests of one submission get a difference stored: enough to read, bounded on disk. */
export const MAX_DIFFERENCES = 20;

async function runJudgement(judgement: Judgement): Promise<{ result: JudgeResult; differences: TestDifference[] }> {
  const { challenge, groups, submission, language, deps, limits, tests, deadline, captureOutput, signal, emit, fail } = judgement;
  const caps = deps.limits;
  const { runMb: runMemoryMb, compileMb: compileMemoryMb } = memoryCaps(language, limits.memoryMb, caps.compileMemoryMb);
  // A function-signature challenge compiles the candidate's function with the harness generated for it.
  const signature = challenge.signature;
  const program = signature ? codegenFor(submission.language).program(signature, submission.source) : submission.source;
  const fileName = sourceFileName(language, program);

  emit({ type: 'compiling' });
  // Tests are spread over a few boxes, each a whole sandbox of its own with the
  // program compiled in it, each running its share one test at a time.
  const image = await imageFor(language.image);
  const laneCount = Math.max(1, Math.min(caps.boxesPerSubmission, tests.length));
  const params = { image, memoryMb: compileMemoryMb, deadline, purpose: 'run' } as const;
  const opened = await Promise.allSettled(
    Array.from({ length: laneCount }, () => (deps.boxes ? deps.boxes.take(params, { signal }) : openBox(deps.docker, params, { signal }))),
  );
  const boxes = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  if (boxes[0]) judgement.onBox(boxes[0]);
  const interactorSpec = challenge.checker.kind === 'interactor' ? challenge.checker : undefined;
  // One interactor per box: each box runs its tests one at a time, and so does an interactor.
  const interactors = new Map<Box, Promise<InteractorRunner>>();
  const interactorFor = (box: Box, spec: NonNullable<typeof interactorSpec>) => {
    let runner = interactors.get(box);
    if (!runner) {
      runner = openInteractor(deps.docker, spec, caps, deadline, signal);
      interactors.set(box, runner);
    }
    return runner;
  };
  const checkers = new Map<CheckerSpec, Promise<CheckerRunner>>();
  const checkerFor = (spec: Extract<CheckerSpec, { kind: 'custom' }>) => {
    let runner = checkers.get(spec);
    if (!runner) {
      runner = openCustomChecker(deps.docker, spec, caps, deadline, signal);
      checkers.set(spec, runner);
    }
    return runner;
  };
  // The verdict is out as soon as it is known; removing containers follows.
  // A judgement stopped meanwhile has no result, so that nothing is reported after a stop.
  const finish = (result: JudgeResult, differences: TestDifference[] = []) => {
    if (signal.aborted) throw new KodbroError('aborted', 'The judgement was stopped before its result was out');
    emit({ type: 'done', result });
    return { result, differences };
  };
  const source = [{ path: fileName, content: Buffer.from(program, 'utf8') }];
  // Compile (or, without a compiler, just unpack) under the compile memory, then lower it for the tests.
  const prepare = async (box: Box, restarted: boolean) => {
    const raise = compileMemoryMb !== runMemoryMb;
    if (restarted && raise) await box.setMemory(compileMemoryMb);
    const failure = language.compile ? await compile(box, language, fileName, source, caps, compileMemoryMb) : await box.writeFiles(source);
    if (raise) await box.setMemory(runMemoryMb);
    return failure;
  };

  try {
    const failedToOpen = opened.find((o) => o.status === 'rejected');
    if (failedToOpen) throw failedToOpen.reason;
    const compileOutputs = await allOrFail(boxes.map((box) => prepare(box, false)), fail);
    const compileOutput = compileOutputs.find((output) => output !== undefined);
    if (compileOutput !== undefined) return finish(compileError(groups, compileOutput));

    const runArgv = expandArgv(language.run, { file: fileName, memoryMb: limits.memoryMb });
    const warmArgv = language.warmRun && caps.warmInterpreters === 1 ? expandArgv(language.warmRun, { file: fileName, memoryMb: limits.memoryMb }) : undefined;
    const wallClock = wallClockFor(limits);
    const results = new Array<TestResult>(tests.length);
    const differences = new Array<TestDifference | undefined>(tests.length);
    // Only the first few are kept, so only they are worked out: each is a second pass over an output up to 8 MB.
    let differencesFound = 0;
    let next = 0;
    const lane = async (box: Box) => {
      for (let index = next++; index < tests.length; index = next++) {
        const { group, test } = tests[index] as (typeof tests)[number];
        emit({ type: 'testing', index: index + 1, total: tests.length });
        const runRequest = {
          argv: runArgv,
          ...(warmArgv ? { warm: warmArgv } : {}),
          env: language.env ?? {},
          wallTimeMs: wallClock.wallTimeMs,
          slack: { cpuTimeMs: limits.timeMs, maxWallTimeMs: wallClock.maxWallTimeMs },
          stdoutLimit: limits.outputBytes,
          stderrLimit: caps.stderrKb * 1024,
        };
        let exchange: Exchange | undefined;
        if (interactorSpec) {
          const interactor = await interactorFor(box, interactorSpec);
          exchange = await interactor.interact(
            { input: await readTestData(test.input), answer: await readTestData(test.answer) },
            (stdin, onStdout) => box.exec({ ...runRequest, stdin, onStdout }),
            {
              programMaxWallMs: wallClock.maxWallTimeMs,
              programOutputBytes: limits.outputBytes,
              ...(captureOutput ? { transcriptBytes: MAX_SHOWN_OUTPUT_BYTES } : {}),
            },
          );
        }
        // A fresh nonce per run: the result line is the one that starts with it (signatures/wire.ts).
        const call = signature ? { signature, nonce: randomBytes(16).toString('hex') } : undefined;
        const run = exchange ? exchange.program : await box.exec({ ...runRequest, stdin: programInput(await readTestData(test.input), test.id, call) });
        const returned = call ? decodeOutput(call.signature.returns, call.nonce, run.stdout) : undefined;
        // A restarted box lost the compiled program: build it again before its next test.
        if (run.reset && next < tests.length && (await prepare(box, true)) !== undefined) {
          throw new KodbroError('sandbox_failed', 'The program no longer compiles after a sandbox restart');
        }
        const checker = group.id === CUSTOM_GROUP ? undefined : (group.checker ?? challenge.checker);
        // Differences quote hidden answers: only for hidden tests, whose output nobody else sees.
        const wantDifference = !captureOutput && differencesFound < MAX_DIFFERENCES;
        const { verdict, difference } = exchange
          ? { verdict: exchangeVerdict(exchange, limits, language), difference: undefined }
          : await decide(run, limits, language, checker, test, checkerFor, wantDifference, returned && signature ? { decoded: returned, returns: signature.returns } : undefined);
        if (difference) {
          differences[index] = { testId: test.id, ...difference };
          differencesFound++;
        }
        results[index] = {
          id: test.id,
          group: group.id,
          verdict,
          timeMs: run.cpuMs ?? run.wallMs,
          memoryKb: run.memoryKb ?? 0,
          ...(captureOutput ? { output: returned ? shownCall(run, returned) : shownOutput(run, exchange) } : {}),
        };
        emit({ type: 'test_done', index: index + 1, total: tests.length, verdict });
      }
    };
    await allOrFail(boxes.map(lane), fail);
    return finish(scoreResult(groups, results), differences.filter((d) => d !== undefined));
  } catch (error) {
    // Whatever else is still running for this judgement (a checker being opened) stops now.
    fail(error);
    throw error;
  } finally {
    const closing = [...checkers.values(), ...interactors.values()].map((p) => p.then((c) => c.close(), () => {}));
    await Promise.allSettled([...boxes.map((box) => box.destroy()), ...closing]);
  }
}

/**
 * Promise.all for work running side by side, without leaving any behind: the
 * first failure stops the whole judgement at once (through `fail`), and only
 * when every piece has settled is that failure thrown.
 */
async function allOrFail<T>(work: Promise<T>[], fail: (error: unknown) => void): Promise<T[]> {
  const settled = await Promise.allSettled(
    work.map((piece) =>
      piece.catch((error: unknown) => {
        fail(error);
        throw error;
      }),
    ),
  );
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

/** Unpacks the source and compiles it; returns the compiler's message when it failed, undefined when it worked. */
async function compile(box: Box, language: LanguageSpec, fileName: string, files: TarEntry[], caps: JudgeLimits, memoryMb: number): Promise<string | undefined> {
  const run = await box.exec({
    argv: expandArgv(language.compile ?? [], { file: fileName, memoryMb }),
    files,
    env: language.env ?? {},
    wallTimeMs: caps.compileTimeMs,
    stdoutLimit: caps.compileOutputKb * 1024,
    stderrLimit: caps.compileOutputKb * 1024,
  });
  const text = sanitiseText(`${run.stdout.toString('utf8')}${run.stderr.toString('utf8')}`).trim();
  if (run.timedOut) return `Compilation took longer than ${caps.compileTimeMs / 1000} s.\n${text}`.trim();
  if (run.oomKilled) return `Compilation used more than ${memoryMb} MB of memory.\n${text}`.trim();
  if (run.outputLimitExceeded) return `The compiler printed more than ${caps.compileOutputKb} KB.\n${text}`.trim();
  if (run.exitCode !== 0) return text || `The compiler exited with status ${run.exitCode}.`;
  return undefined;
}

async function decide(
  run: ExecOutcome,
  limits: ResolvedLimits,
  language: LanguageSpec,
  checker: CheckerSpec | undefined,
  test: TestCase,
  customChecker: (spec: Extract<CheckerSpec, { kind: 'custom' }>) => Promise<CheckerRunner>,
  wantDifference: boolean,
  returned?: { decoded: Decoded; returns: ValueType },
): Promise<{ verdict: JudgedVerdict; difference?: Omit<TestDifference, 'testId'> | undefined }> {
  const failure = runFailure(run, { timeMs: limits.timeMs, memoryLimitExitCode: language.memoryLimitExitCode });
  if (failure) return { verdict: failure };
  if (!checker) return { verdict: 'accepted' };
  let check: CheckResult;
  const answer = await readTestData(test.answer);
  if (checker.kind === 'value') {
    if (!returned) throw new KodbroError('internal', 'A value checker needs a function-signature challenge');
    return compareReturned(returned.decoded, returned.returns, answer, checker.comparison, wantDifference);
  }
  // Loaders refuse a group's own checker in an interactive challenge, and the lanes never come here for one.
  if (checker.kind === 'interactor') throw new KodbroError('internal', 'An interactor cannot check an output after the run');
  if (checker.kind === 'custom') check = await (await customChecker(checker)).check(await readTestData(test.input), answer, run.stdout);
  else check = checkOutput(checker, run.stdout, answer);
  if (check.accepted) return { verdict: 'accepted' };
  return { verdict: 'wrong_answer', difference: wantDifference ? firstDifference(checker, run.stdout, answer) : undefined };
}

/**
 * A returned value against the expected one: no value read (the program ended
 * without the harness writing one, or wrote two), or one its type cannot hold
 * (a Python int beyond the declared range), is a wrong answer like a wrong value.
 */
function compareReturned(decoded: Decoded, returns: ValueType, answer: Buffer, comparison: ValueComparison, wantDifference: boolean) {
  const expected = parseJson(answer.toString('utf8'));
  if (!expected.ok) throw new KodbroError('package_invalid', `A test's answer is ${expected.reason}`);
  if (decoded.ok && valueProblem(returns, decoded.value) === undefined && sameValue(returns, expected.value, decoded.value, comparison)) return { verdict: 'accepted' as const };
  const shown = decoded.ok ? formatValue(decoded.value) : '';
  const difference = wantDifference ? firstDifference({ kind: 'exact', caseSensitive: true }, Buffer.from(shown, 'utf8'), Buffer.from(formatValue(expected.value), 'utf8')) : undefined;
  return { verdict: 'wrong_answer' as const, difference };
}

/**
 * What the program reads: the test's input, or for a signature test the run's
 * nonce and the arguments as tokens (the JSON was checked against the
 * signature when the package was loaded).
 */
function programInput(input: Buffer, testId: string, call: { signature: FunctionSignature; nonce: string } | undefined): Buffer {
  if (!call) return input;
  const parsed = parseJson(input.toString('utf8'));
  if (!parsed.ok || !Array.isArray(parsed.value)) throw new KodbroError('package_invalid', `Test ${testId}: the input is not a JSON array of arguments`);
  return Buffer.from(encodeInput(call.signature, call.nonce, parsed.value), 'utf8');
}

/** A signature run as the candidate sees their own: the returned value, and what the program printed besides. */
function shownCall(run: ExecOutcome, returned: Decoded): RunOutput {
  const cut = (text: string) => sanitiseText(text.length > MAX_SHOWN_OUTPUT_BYTES ? text.slice(0, MAX_SHOWN_OUTPUT_BYTES) : text);
  const value = returned.ok ? formatValue(returned.value) : '';
  return {
    stdout: cut(value),
    stderr: cut(run.stderr.subarray(0, MAX_SHOWN_OUTPUT_BYTES).toString('utf8')),
    exitCode: run.exitCode,
    truncated: value.length > MAX_SHOWN_OUTPUT_BYTES || returned.printed.length > MAX_SHOWN_OUTPUT_BYTES || run.stderr.length > MAX_SHOWN_OUTPUT_BYTES || run.outputLimitExceeded,
    printed: cut(returned.printed),
    ...(returned.ok ? {} : { resultProblem: returned.reason }),
  };
}

/** An interactive test's verdict; an interactor that gave none is the package's fault, not the candidate's. */
function exchangeVerdict(exchange: Exchange, limits: ResolvedLimits, language: LanguageSpec): JudgedVerdict {
  const verdict = interactiveVerdict(exchange.program, exchange.interactor, { timeMs: limits.timeMs, memoryLimitExitCode: language.memoryLimitExitCode });
  if (verdict) return verdict;
  const { exitCode, timedOut, outputLimitExceeded } = exchange.interactor;
  const how = timedOut ? 'did not end' : outputLimitExceeded ? `wrote more than ${INTERACTOR_OUTPUT_BYTES / 1024 / 1024} MB` : `exited with ${exitCode ?? 'a signal'}`;
  throw new KodbroError('checker_failed', `The interactor ${how} instead of 42 or 43${exchange.interactorSaid ? `: ${exchange.interactorSaid}` : ''}`);
}

/**
 * A run's output as the candidate may see it for their own runs: capped,
 * control characters shown. An interactive run shows the exchange, in the
 * `.interaction` form of the samples, in place of its standard output.
 */
function shownOutput(run: ExecOutcome, exchange?: Exchange): RunOutput {
  const cut = (bytes: Buffer) => sanitiseText(bytes.subarray(0, MAX_SHOWN_OUTPUT_BYTES).toString('utf8'));
  const transcript = exchange?.transcript;
  return {
    stdout: transcript ? sanitiseText(transcript.text) : cut(run.stdout),
    stderr: cut(run.stderr),
    exitCode: run.exitCode,
    truncated: run.stdout.length > MAX_SHOWN_OUTPUT_BYTES || run.stderr.length > MAX_SHOWN_OUTPUT_BYTES || run.outputLimitExceeded || transcript?.truncated === true,
  };
}


function scoreResult(groups: TestGroup[], results: TestResult[]): JudgeResult {
  const scored = scoreGroups(
    groups.map((g) => ({ id: g.id, points: g.points, verdicts: results.filter((r) => r.group === g.id).map((r) => r.verdict) })),
  );
  return { verdict: overallVerdict(results.map((r) => r.verdict)), score: scored.score, tests: results, groups: scored.groups };
}

/** Every test gets the same verdict when the run never reached the tests. */
function unrunResult(groups: TestGroup[], verdict: JudgedVerdict): Pick<JudgeResult, 'tests' | 'groups'> {
  return {
    tests: hiddenTests({ groups }).map(({ group, test }) => ({ id: test.id, group: group.id, verdict, timeMs: 0, memoryKb: 0 })),
    groups: groups.map((g) => ({ id: g.id, points: g.points, earned: 0 })),
  };
}

function compileError(groups: TestGroup[], compileOutput: string): JudgeResult {
  return { verdict: 'compile_error', score: 0, ...unrunResult(groups, 'compile_error'), compileOutput };
}
