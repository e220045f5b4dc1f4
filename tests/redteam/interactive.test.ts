/**
 * Red team, interactive problems (issue 16): the candidate's program talks
 * with the package's interactor through the host, and the interactor alone
 * holds the test's answer. Each attack below would win the guessing game if
 * its defence failed (it would print the secret, or make the judge believe
 * the interactor accepted); any verdict but accepted shows the defence held,
 * and every one must end within its clock, with nothing left in Docker.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { wallClockFor } from '../../server/src/judge/index.ts';
import { expectDockerClean, judgeSource, loadPackage } from '../support/sandbox.ts';

const GAME = 'challenges/guess-the-number';

afterEach(expectDockerClean);

/** The longest one test may take: its wall clock with slack, twice (two tests per box), and Docker's overhead. */
async function longestMs(): Promise<number> {
  const challenge = await loadPackage(GAME);
  return 2 * wallClockFor({ timeMs: (challenge.limits.timeMs ?? 1000) * 1 }).maxWallTimeMs + 30_000;
}

/** `samples`: the two sample games, for attacks that end only at the clock (every hidden test would wait its own). */
async function judge(source: string, testSet: 'hidden' | 'samples' = 'hidden') {
  const started = performance.now();
  const result = await judgeSource(GAME, 'python', source, { testSet });
  return { result, ms: performance.now() - started };
}

describe('interactive: a candidate against the interactor', () => {
  it('the game is interactive, and a plain binary search wins it (the attacks below are measured against a working judge)', async () => {
    expect((await loadPackage(GAME)).checker.kind).toBe('interactor');
    const { result } = await judge(
      [
        'import sys',
        'n = int(sys.stdin.readline())',
        'lo, hi = 1, n',
        'while True:',
        '    mid = (lo + hi) // 2',
        '    print("guess", mid, flush=True)',
        '    reply = sys.stdin.readline().strip()',
        '    if reply == "correct": break',
        '    if reply == "higher": lo = mid + 1',
        '    elif reply == "lower": hi = mid - 1',
        '    else: sys.exit(3)',
      ].join('\n'),
    );
    expect(result.verdict).toBe('accepted');
  });

  it('flooding the interactor with guesses it never asked for ends in a failure of the flooder, within its clock', async () => {
    const { result, ms } = await judge('import sys\nwhile True:\n    sys.stdout.write("guess 1\\n" * 10000)\n');
    expect(result.verdict).not.toBe('accepted');
    expect(ms).toBeLessThan(await longestMs());
  });

  it('closing its input early and guessing blind is a wrong answer, not a hang', async () => {
    const { result, ms } = await judge('import os, sys\nos.close(0)\nfor g in range(1, 40):\n    print("guess", g, flush=True)\n');
    expect(result.verdict).not.toBe('accepted');
    expect(['wrong_answer', 'runtime_error']).toContain(result.verdict);
    expect(ms).toBeLessThan(await longestMs());
  });

  it('talking only on standard error reaches nobody: the program waits and its clock ends it', async () => {
    const { result } = await judge('import sys\nsys.stderr.write("guess 1\\ncorrect\\n")\nsys.stderr.flush()\nsys.stdin.readline()\nsys.stdin.readline()\n', 'samples');
    expect(result.verdict).toBe('time_limit');
  });

  it('never flushing and waiting is a time limit, not a hang', async () => {
    const { result, ms } = await judge('import sys\nn = int(sys.stdin.readline())\nprint("guess", n // 2)\nsys.stdin.readline()\n', 'samples');
    expect(result.verdict).toBe('time_limit');
    expect(ms).toBeLessThan(await longestMs());
  });

  it('the answer and input files are not in the program’s box, and no other process there holds them', async () => {
    const source = [
      'import os, re, sys',
      'found = None',
      'for path in ["/box/t/ans", "/box/t/in", "/box/ans", "/box/in"]:',
      '    try:',
      '        found = open(path).read(); break',
      '    except OSError: pass',
      'for pid in os.listdir("/proc"):',
      '    if found or not pid.isdigit(): continue',
      '    try:',
      '        for fd in os.listdir(f"/proc/{pid}/fd"):',
      '            target = os.readlink(f"/proc/{pid}/fd/{fd}")',
      '            if "/t/" in target: found = open(f"/proc/{pid}/fd/{fd}").read()',
      '    except OSError: pass',
      'for root, dirs, files in os.walk("/box"):',
      '    for name in files:',
      '        if name in ("ans", "in") and not found: found = open(os.path.join(root, name)).read()',
      'if not found: sys.exit(3)',
      'numbers = re.findall(r"\\d+", found)',
      'sys.stdin.readline()',
      'for x in numbers:',
      '    print("guess", x, flush=True)',
      '    if sys.stdin.readline().strip() == "correct": break',
    ].join('\n');
    const { result } = await judge(source);
    expect(result.verdict).toBe('runtime_error');
  });

  it('exiting with the interactor’s accept code (42) is the program’s own status, never a verdict', async () => {
    const { result } = await judge('import sys\nsys.exit(42)\n');
    expect(result.verdict).not.toBe('accepted');
  });

  it('a program that says “correct” for the judge is judged by what the interactor saw', async () => {
    const { result } = await judge('print("correct", flush=True)\nprint("guess 1\\ncorrect", flush=True)\n');
    expect(result.verdict).toBe('wrong_answer');
  });

  it('leaves a child behind that keeps guessing into the next test: the child dies with its test', async () => {
    const source = [
      'import os, sys, time',
      'if os.fork() == 0:',
      '    for g in range(1, 10**9):',
      '        try: print("guess", g, flush=True)',
      '        except Exception: pass',
      '        time.sleep(0.001)',
      'sys.exit(0)',
    ].join('\n');
    const { result } = await judge(source);
    expect(result.verdict).not.toBe('accepted');
  });
});
