/**
 * Every language, end to end: real runner images, the real judge, the `sum`
 * fixture package (n, then n integers; the answer is their 64-bit sum; five
 * hidden tests, one sample; 1000 ms and 64 MB per test). Each language gets
 * one program per verdict, kept readable under ./programs/<language>/.
 *
 * No timing assertions beyond verdicts: the machine is small and shared.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  judgeEventSchema,
  judgeResultSchema,
  LANGUAGE_IDS,
  type JudgeEvent,
  type JudgeResult,
  type LanguageId,
  type Verdict,
} from '../../server/src/contracts/index.ts';
import { expectDockerClean, judgeSource, loadPackage, SUM_PACKAGE } from '../support/sandbox.ts';

const PROGRAMS = path.join(import.meta.dirname, 'programs');

const EXTENSION: Record<LanguageId, string> = {
  python: 'py',
  javascript: 'js',
  java: 'java',
  c: 'c',
  cpp: 'cpp',
  go: 'go',
  csharp: 'cs',
  kotlin: 'kt',
  rust: 'rs',
  ruby: 'rb',
  php: 'php',
  typescript: 'ts',
  haskell: 'hs',
};

function program(language: LanguageId, name: string): string {
  return readFileSync(path.join(PROGRAMS, language, `${name}.${EXTENSION[language]}`), 'utf8');
}

/** What each compiler's message must mention for the syntax error in compile_error.<ext>. */
const COMPILE_MESSAGE: Record<LanguageId, RegExp[]> = {
  python: [/SyntaxError/, /main\.py", line 3/],
  javascript: [/SyntaxError/, /main\.js:3/],
  java: [/Main\.java:5: error: ';' expected/],
  c: [/main\.c:4:\d+: error:/],
  cpp: [/main\.cpp:\d+:\d+: error: expected .,. or .;./],
  go: [/main\.go:6:\d+: syntax error/],
  csharp: [/main\.cs\(8,\d+\): error CS\d+:/],
  kotlin: [/main\.kt:3:\d+: error: type mismatch/],
  rust: [/error\[E0308\]: mismatched types/, /main\.rs:2:\d+/],
  ruby: [/main\.rb:\d+: syntax error/],
  php: [/Parse error: .*syntax error/, /main\.php on line 3/],
  // A type error: TypeScript fails the compile on it, not only on syntax.
  typescript: [/main\.ts\(4,7\): error TS2322:/],
  haskell: [/main\.hs:3:\d+: error:/, /Couldn't match/],
};

const HIDDEN_TESTS = 5;

/** Every hidden test was run (or marked) and the result is well-formed. */
function expectShape(result: JudgeResult): void {
  expect(judgeResultSchema.parse(result)).toEqual(result);
  expect(result.tests).toHaveLength(HIDDEN_TESTS);
  for (const test of result.tests) {
    expect(test.timeMs).toEqual(expect.any(Number));
    expect(test.memoryKb).toEqual(expect.any(Number));
  }
}

/** Every test failed with `verdict`, nothing was earned. */
function expectAllFailed(result: JudgeResult, verdict: Verdict): void {
  expectShape(result);
  expect(result.verdict).toBe(verdict);
  expect(result.score).toBe(0);
  expect(result.tests.map((t) => t.verdict)).toEqual(Array(HIDDEN_TESTS).fill(verdict));
  for (const group of result.groups) expect(group.earned).toBe(0);
}

interface VerdictCase {
  verdict: Verdict;
  check: (result: JudgeResult, language: LanguageId) => void;
}

const VERDICT_CASES: VerdictCase[] = [
  {
    verdict: 'accepted',
    check: (result) => {
      expectShape(result);
      expect(result.verdict).toBe('accepted');
      expect(result.score).toBe(100);
      expect(result.tests.map((t) => t.verdict)).toEqual(Array(HIDDEN_TESTS).fill('accepted'));
      for (const group of result.groups) expect(group.earned).toBe(group.points);
      for (const test of result.tests) {
        expect(Number.isInteger(test.timeMs) && test.timeMs >= 0).toBe(true);
        expect(Number.isInteger(test.memoryKb) && test.memoryKb >= 0).toBe(true);
      }
      expect(result.compileOutput).toBeUndefined();
    },
  },
  { verdict: 'wrong_answer', check: (result) => expectAllFailed(result, 'wrong_answer') },
  { verdict: 'time_limit', check: (result) => expectAllFailed(result, 'time_limit') },
  { verdict: 'runtime_error', check: (result) => expectAllFailed(result, 'runtime_error') },
  {
    verdict: 'compile_error',
    check: (result, language) => {
      expectAllFailed(result, 'compile_error');
      for (const test of result.tests) expect([test.timeMs, test.memoryKb]).toEqual([0, 0]);
      expect(result.compileOutput).toEqual(expect.any(String));
      const output = result.compileOutput ?? '';
      expect(output.trim()).not.toBe('');
      for (const pattern of COMPILE_MESSAGE[language]) expect(output).toMatch(pattern);
    },
  },
  {
    verdict: 'memory_limit',
    check: (result, language) => {
      expectAllFailed(result, 'memory_limit');
      // The run really got near the limit (a JVM's heap, Java's or Kotlin's, is capped by
      // -Xmx inside a larger container, so its peak is the JVM's, not the heap's).
      if (language !== 'java' && language !== 'kotlin') {
        for (const test of result.tests) expect(test.memoryKb).toBeGreaterThan(48 * 1024);
      }
    },
  },
];

// Every language: the records above have an entry for each, so none can be left out.
const LANGUAGES_UNDER_TEST: readonly LanguageId[] = LANGUAGE_IDS;

describe.each(LANGUAGES_UNDER_TEST)('%s on the sum package', (language) => {
  afterAll(expectDockerClean);

  it.each(VERDICT_CASES)('$verdict', async ({ verdict, check }) => {
    const result = await judgeSource(SUM_PACKAGE, language, program(language, verdict));
    try {
      check(result, language);
    } catch (error) {
      // The whole result explains a wrong verdict far better than the diff alone.
      console.error(`${language}/${verdict}:`, JSON.stringify(result, null, 2));
      throw error;
    }
  });
});

describe('judging protocol', () => {
  afterAll(expectDockerClean);

  it('reports progress in order: compiling, each test, then done with the returned result', async () => {
    // Right on the small tests, off by one from the third test on: test_done carries each test's own verdict.
    const source = 'n = int(input())\ns = sum(map(int, input().split()))\nprint(s if n < 100 else s + 1)\n';
    const events: JudgeEvent[] = [];
    const result = await judgeSource(SUM_PACKAGE, 'python', source, { onEvent: (event) => events.push(event) });

    for (const event of events) expect(judgeEventSchema.parse(event)).toEqual(event);
    // One judgement, tried once: the judge never starts over (the queue alone retries).
    const attempt = events;
    // Tests run on a few boxes at once, so events of different tests interleave; per test,
    // `testing` comes before `test_done`, tests start in judging order, and `done` is last.
    expect(attempt[0]).toEqual({ type: 'compiling' });
    expect(attempt.at(-1)).toEqual({ type: 'done', result });
    const middle = attempt.slice(1, -1);
    const starts = middle.filter((e) => e.type === 'testing');
    const ends = middle.filter((e) => e.type === 'test_done');
    expect(starts).toEqual(Array.from({ length: HIDDEN_TESTS }, (_, i) => ({ type: 'testing', index: i + 1, total: HIDDEN_TESTS })));
    expect(ends.map((e) => e.index).sort((a, b) => a - b)).toEqual(Array.from({ length: HIDDEN_TESTS }, (_, i) => i + 1));
    expect(middle).toHaveLength(2 * HIDDEN_TESTS);
    for (const end of ends) {
      expect(end).toEqual({ type: 'test_done', index: end.index, total: HIDDEN_TESTS, verdict: end.index <= 2 ? 'accepted' : 'wrong_answer' });
      const started = middle.findIndex((e) => e.type === 'testing' && e.index === end.index);
      expect(started).toBeLessThan(middle.indexOf(end));
    }
    // The very same object the judge returned, not merely an equal one.
    const done = events.at(-1);
    expect(done?.type === 'done' && done.result).toBe(result);

    expect(result.verdict).toBe('wrong_answer');
    expect(result.tests.map((t) => t.verdict)).toEqual(['accepted', 'accepted', 'wrong_answer', 'wrong_answer', 'wrong_answer']);
  });

  it('runs the next test and the next submission normally after a time limit', async () => {
    // The first test (n = 2) spins in two processes; every other test is answered at once.
    const spinner = [
      'import os',
      'n = int(input())',
      's = sum(map(int, input().split()))',
      'if n == 2:',
      '    os.fork()',
      '    while True:',
      '        s += 1',
      'print(s)',
      '',
    ].join('\n');
    const first = await judgeSource(SUM_PACKAGE, 'python', spinner);
    expectShape(first);
    expect(first.verdict).toBe('time_limit');
    // A spinner left alive would eat the later tests' CPU time (and the cgroup bills it to them).
    expect(first.tests.map((t) => t.verdict)).toEqual(['time_limit', 'accepted', 'accepted', 'accepted', 'accepted']);
    await expectDockerClean();

    const second = await judgeSource(SUM_PACKAGE, 'python', program('python', 'accepted'));
    expectShape(second);
    expect(second.verdict).toBe('accepted');
    expect(second.score).toBe(100);
  });

  it('gives output_limit to a Python program that prints endlessly', async () => {
    const result = await judgeSource(SUM_PACKAGE, 'python', program('python', 'output_limit'));
    expectAllFailed(result, 'output_limit');
  });

  it('runs only the one sample when asked for the samples', async () => {
    const challenge = await loadPackage(SUM_PACKAGE);
    expect(challenge.samples).toHaveLength(1);
    const events: JudgeEvent[] = [];
    const result = await judgeSource(SUM_PACKAGE, 'python', program('python', 'accepted'), {
      testSet: 'samples',
      onEvent: (event) => events.push(event),
    });
    expect(result.verdict).toBe('accepted');
    expect(result.tests).toHaveLength(1);
    expect(result.tests[0]).toMatchObject({ id: challenge.samples[0]?.id, verdict: 'accepted' });
    expect(result.groups).toEqual([{ id: 'samples', points: 0, earned: 0 }]);
    expect(events.map((e) => e.type)).toEqual(['compiling', 'testing', 'test_done', 'done']);
    expect(events.filter((e) => e.type === 'testing')).toEqual([{ type: 'testing', index: 1, total: 1 }]);

    // A wrong program fails on the sample alone.
    const wrong = await judgeSource(SUM_PACKAGE, 'python', program('python', 'wrong_answer'), { testSet: 'samples' });
    expect(wrong.verdict).toBe('wrong_answer');
    expect(wrong.tests.map((t) => t.verdict)).toEqual(['wrong_answer']);
    expect(wrong.score).toBe(0);
  });

  it('keeps the output of sample runs when asked, and never of hidden runs', async () => {
    const source = 'import sys\nprint("note", file=sys.stderr)\nn = int(input())\nprint(sum(map(int, input().split())))\n';
    const samples = await judgeSource(SUM_PACKAGE, 'python', source, { testSet: 'samples', captureOutput: true });
    expect(samples.tests[0]?.output).toEqual({ stdout: '6\n', stderr: 'note\n', exitCode: 0, truncated: false });

    const hidden = await judgeSource(SUM_PACKAGE, 'python', source, { captureOutput: true });
    expect(hidden.verdict).toBe('accepted');
    for (const test of hidden.tests) expect(test.output).toBeUndefined();
  });

  it('runs the candidate\'s own input once, with nothing to compare it to', async () => {
    const source = 'import sys\ndata = sys.stdin.read()\nprint(data.upper(), end="")\nsys.exit(0 if data else 4)\n';
    const ran = await judgeSource(SUM_PACKAGE, 'python', source, { testSet: { customInput: Buffer.from('hello\n') }, captureOutput: true });
    expect(ran.verdict).toBe('accepted');
    expect(ran.tests).toHaveLength(1);
    expect(ran.tests[0]?.output).toMatchObject({ stdout: 'HELLO\n', exitCode: 0 });

    const crashed = await judgeSource(SUM_PACKAGE, 'python', source, { testSet: { customInput: Buffer.alloc(0) }, captureOutput: true });
    expect(crashed.verdict).toBe('runtime_error');
    expect(crashed.tests[0]?.output?.exitCode).toBe(4);
  });
});
