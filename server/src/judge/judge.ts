import type Docker from 'dockerode';
import { setTimeout as sleep } from 'node:timers/promises';
import { hiddenTests, readTestData, resolveLimits, type CheckerSpec, type ResolvedLimits, type StoredChallenge as Challenge, type TestCase as LoadedTestCase, type TestData, type TestGroup as LoadedTestGroup } from '../challenges/index.ts';
import type { JudgeLimits } from '../config/index.ts';
import { MAX_SHOWN_OUTPUT_BYTES, MAX_SOURCE_BYTES, type JudgeEvent, type JudgeResult, type LanguageId, type RunOutput, type TestResult, type Verdict } from '../contracts/index.ts';
import { isKodbroError, KodbroError } from '../errors.ts';
import { expandArgv, LANGUAGES, sourceFileName, type LanguageSpec } from '../languages/index.ts';
import { imageFor, openBox, type Box, type ExecOutcome, type TarEntry } from '../sandbox/index.ts';
import { checkOutput, type CheckResult } from './checkers.ts';
import { openCustomChecker, type CheckerRunner } from './custom-checker.ts';
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
}

export interface JudgeOptions {
  /**
   * Progress; the web application forwards these as they are. Tests run on
   * several boxes at once, so events of different tests may interleave.
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
}
/**
 * A test's wall clock: a run still going at `wallTimeMs` is stopped if it has
 * used more CPU than its limit; one that used less (starved by other boxes on
 * a busy machine, or finished while Docker is slow to report it) gets slack
 * until `maxWallTimeMs`. A program that only sleeps ends at the latter.
 */
export function wallClockFor(limits: Pick<ResolvedLimits, 'timeMs'>): { wallTimeMs: number; maxWallTimeMs: number } {
  return { wallTimeMs: Math.round(limits.timeMs * 1.5) + 500, maxWallTimeMs: limits.timeMs * 3 + 1000 };
}

/**
 * Judges one submission: compiles it inside each of its sandbox boxes, runs
 * every test (spread over the boxes), compares each output on the server and
 * scores the groups. Docker faults are retried and then reported as
 * system_error; they are never the candidate's.
 */
export async function judgeSubmission(
  challenge: Challenge,
  submission: Submission,
  deps: JudgeDeps,
  options: JudgeOptions = {},
): Promise<JudgeResult> {
  const emit = options.onEvent ?? (() => {});
  const language = checkSubmission(challenge, submission);
  const groups = testGroups(challenge, options.testSet ?? 'hidden');
  const capture = options.captureOutput === true && options.testSet !== undefined && options.testSet !== 'hidden';

  for (let attempt = 1; ; attempt++) {
    try {
      // judgeOnce emits `done` itself, before the containers are removed.
      return await judgeOnce(challenge, groups, submission, language, deps, emit, capture);
    } catch (error) {
      const retryable = isKodbroError(error, 'sandbox_failed') || isKodbroError(error, 'docker_unavailable');
      if (!retryable || attempt > deps.limits.systemRetries) {
        const result = systemError(groups, error);
        emit({ type: 'done', result });
        return result;
      }
      emit({ type: 'retrying', attempt, reason: (error as Error).message });
      await sleep(250 * 2 ** (attempt - 1));
    }
  }
}

/** The custom-input run has no answer: its group carries no checker and earns nothing. */
const CUSTOM_GROUP = 'custom';

function testGroups(challenge: Challenge, testSet: NonNullable<JudgeOptions['testSet']>): TestGroup[] {
  if (testSet === 'hidden') return challenge.groups;
  if (testSet === 'samples') return [{ id: 'samples', points: 0, tests: challenge.samples }];
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

/** Everything one judging attempt needs, resolved once. */
interface Attempt {
  challenge: Challenge;
  groups: TestGroup[];
  submission: Submission;
  language: LanguageSpec;
  deps: JudgeDeps;
  emit: (event: JudgeEvent) => void;
  limits: ResolvedLimits;
  /** Hidden tests (or samples) in judging order. */
  tests: { group: TestGroup; test: TestCase }[];
  deadline: number;
  captureOutput: boolean;
}

/**
 * One attempt, bounded by its deadline: whatever hangs (a wedged Docker
 * daemon), the attempt ends as a sandbox fault, which is retried and never
 * blamed on the candidate. The fault names the box's last steps.
 */
async function judgeOnce(
  challenge: Challenge,
  groups: TestGroup[],
  submission: Submission,
  language: LanguageSpec,
  deps: JudgeDeps,
  emit: (event: JudgeEvent) => void,
  captureOutput: boolean,
): Promise<JudgeResult> {
  const limits = resolveLimits(challenge.limits, language, deps.limits);
  const tests = hiddenTests({ groups });
  const budgetMs = deps.limits.compileTimeMs * 2 + tests.length * (wallClockFor(limits).maxWallTimeMs + 5000) + 60_000;
  const attempt: Attempt = { challenge, groups, submission, language, deps, emit, limits, tests, deadline: Date.now() + budgetMs, captureOutput };

  let boxOpened: Box | undefined;
  let watchdog: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    watchdog = setTimeout(() => {
      const steps = boxOpened?.history().join('; ') ?? 'none';
      reject(new KodbroError('sandbox_failed', `Judging took longer than its ${Math.round(budgetMs / 1000)} s budget; last sandbox steps: ${steps}`));
    }, budgetMs);
  });
  try {
    return await Promise.race([runAttempt(attempt, (box) => (boxOpened = box)), expired]);
  } finally {
    clearTimeout(watchdog);
  }
}

async function runAttempt(attempt: Attempt, onBox: (box: Box) => void): Promise<JudgeResult> {
  const { challenge, groups, submission, language, deps, emit, limits, tests, deadline, captureOutput } = attempt;
  const caps = deps.limits;
  const runMemoryMb = limits.memoryMb + language.memoryOverheadMb;
  const fileName = sourceFileName(language, submission.source);

  emit({ type: 'compiling' });
  // Tests are spread over a few boxes, each a whole sandbox of its own with the
  // program compiled in it, each running its share one test at a time.
  const image = await imageFor(language.image);
  const laneCount = Math.max(1, Math.min(caps.boxesPerSubmission, tests.length));
  const opened = await Promise.allSettled(
    Array.from({ length: laneCount }, () =>
      openBox(deps.docker, { image, memoryMb: Math.max(caps.compileMemoryMb, runMemoryMb), deadline, purpose: 'run' }),
    ),
  );
  const boxes = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  if (boxes[0]) onBox(boxes[0]);
  const checkers = new Map<CheckerSpec, Promise<CheckerRunner>>();
  const checkerFor = (spec: Extract<CheckerSpec, { kind: 'custom' }>) => {
    let runner = checkers.get(spec);
    if (!runner) {
      runner = openCustomChecker(deps.docker, spec, caps, deadline);
      checkers.set(spec, runner);
    }
    return runner;
  };
  // The verdict is out as soon as it is known; removing containers follows.
  const finish = (result: JudgeResult) => {
    emit({ type: 'done', result });
    return result;
  };
  const source = [{ path: fileName, content: Buffer.from(submission.source, 'utf8') }];
  // Compile (or, without a compiler, just unpack) under the compile memory, then lower it for the tests.
  const prepare = async (box: Box, restarted: boolean) => {
    if (restarted) await box.setMemory(Math.max(caps.compileMemoryMb, runMemoryMb));
    const failure = language.compile ? await compile(box, language, fileName, source, caps) : await box.writeFiles(source);
    await box.setMemory(runMemoryMb);
    return failure;
  };

  try {
    const failedToOpen = opened.find((o) => o.status === 'rejected');
    if (failedToOpen) throw failedToOpen.reason;
    const compileOutputs = await Promise.all(boxes.map((box) => prepare(box, false)));
    const compileOutput = compileOutputs.find((output) => output !== undefined);
    if (compileOutput !== undefined) return finish(compileError(groups, compileOutput));

    const runArgv = expandArgv(language.run, { file: fileName, memoryMb: limits.memoryMb });
    const wallClock = wallClockFor(limits);
    const results: TestResult[] = new Array(tests.length);
    let next = 0;
    const lane = async (box: Box) => {
      for (let index = next++; index < tests.length; index = next++) {
        const { group, test } = tests[index] as (typeof tests)[number];
        emit({ type: 'testing', index: index + 1, total: tests.length });
        const run = await box.exec({
          argv: runArgv,
          stdin: await readTestData(test.input),
          env: language.env ?? {},
          wallTimeMs: wallClock.wallTimeMs,
          slack: { cpuTimeMs: limits.timeMs, maxWallTimeMs: wallClock.maxWallTimeMs },
          stdoutLimit: limits.outputBytes,
          stderrLimit: caps.stderrKb * 1024,
        });
        // A restarted box lost the compiled program: build it again before its next test.
        if (run.reset && next < tests.length && (await prepare(box, true)) !== undefined) {
          throw new KodbroError('sandbox_failed', 'The program no longer compiles after a sandbox restart');
        }
        const checker = group.id === CUSTOM_GROUP ? undefined : (group.checker ?? challenge.checker);
        const verdict = await decide(run, limits, language, checker, test, checkerFor);
        results[index] = {
          id: test.id,
          group: group.id,
          verdict,
          timeMs: run.cpuMs ?? run.wallMs,
          memoryKb: run.memoryKb ?? 0,
          ...(captureOutput ? { output: shownOutput(run) } : {}),
        };
        emit({ type: 'test_done', index: index + 1, total: tests.length, verdict });
      }
    };
    await Promise.all(boxes.map(lane));
    return finish(scoreResult(groups, results));
  } finally {
    const closing = [...checkers.values()].map((p) => p.then((c) => c.close(), () => {}));
    await Promise.allSettled([...boxes.map((box) => box.destroy()), ...closing]);
  }
}

/** Unpacks the source and compiles it; returns the compiler's message when it failed, undefined when it worked. */
async function compile(box: Box, language: LanguageSpec, fileName: string, files: TarEntry[], caps: JudgeLimits): Promise<string | undefined> {
  const run = await box.exec({
    argv: expandArgv(language.compile ?? [], { file: fileName, memoryMb: caps.compileMemoryMb }),
    files,
    env: language.env ?? {},
    wallTimeMs: caps.compileTimeMs,
    stdoutLimit: caps.compileOutputKb * 1024,
    stderrLimit: caps.compileOutputKb * 1024,
  });
  const text = sanitiseText(`${run.stdout.toString('utf8')}${run.stderr.toString('utf8')}`).trim();
  if (run.timedOut) return `Compilation took longer than ${caps.compileTimeMs / 1000} s.\n${text}`.trim();
  if (run.oomKilled) return `Compilation used more than ${caps.compileMemoryMb} MB of memory.\n${text}`.trim();
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
): Promise<Verdict> {
  const failure = runFailure(run, { timeMs: limits.timeMs, memoryLimitExitCode: language.memoryLimitExitCode });
  if (failure) return failure;
  if (!checker) return 'accepted';
  let check: CheckResult;
  const answer = await readTestData(test.answer);
  if (checker.kind === 'custom') check = await (await customChecker(checker)).check(await readTestData(test.input), answer, run.stdout);
  else check = checkOutput(checker, run.stdout, answer);
  return check.accepted ? 'accepted' : 'wrong_answer';
}

/** A run's output as the candidate may see it for their own runs: capped, control characters shown. */
function shownOutput(run: ExecOutcome): RunOutput {
  const cut = (bytes: Buffer) => sanitiseText(bytes.subarray(0, MAX_SHOWN_OUTPUT_BYTES).toString('utf8'));
  return {
    stdout: cut(run.stdout),
    stderr: cut(run.stderr),
    exitCode: run.exitCode,
    truncated: run.stdout.length > MAX_SHOWN_OUTPUT_BYTES || run.stderr.length > MAX_SHOWN_OUTPUT_BYTES || run.outputLimitExceeded,
  };
}

/**
 * Compiler messages quote the candidate's source, which may hold terminal
 * escapes or bidirectional overrides: keep newlines and tabs, show every other
 * control character as its escape, so what a person reads is what is there.
 */
export function sanitiseText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function scoreResult(groups: TestGroup[], results: TestResult[]): JudgeResult {
  const scored = scoreGroups(
    groups.map((g) => ({ id: g.id, points: g.points, verdicts: results.filter((r) => r.group === g.id).map((r) => r.verdict) })),
  );
  return { verdict: overallVerdict(results.map((r) => r.verdict)), score: scored.score, tests: results, groups: scored.groups };
}

/** Every test gets the same verdict when the run never reached the tests. */
function unrunResult(groups: TestGroup[], verdict: Verdict): Pick<JudgeResult, 'tests' | 'groups'> {
  return {
    tests: hiddenTests({ groups }).map(({ group, test }) => ({ id: test.id, group: group.id, verdict, timeMs: 0, memoryKb: 0 })),
    groups: groups.map((g) => ({ id: g.id, points: g.points, earned: 0 })),
  };
}

function compileError(groups: TestGroup[], compileOutput: string): JudgeResult {
  return { verdict: 'compile_error', score: 0, ...unrunResult(groups, 'compile_error'), compileOutput };
}

function systemError(groups: TestGroup[], error: unknown): JudgeResult {
  const message = error instanceof Error ? error.message : String(error);
  return { verdict: 'system_error', score: 0, ...unrunResult(groups, 'system_error'), systemError: message };
}
