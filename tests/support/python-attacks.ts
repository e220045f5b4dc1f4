/**
 * The harness the red team's attacks on the runner and the warm Python
 * interpreter share (tests/redteam/runner.test.ts, warm-interpreter.test.ts):
 * a Python preamble that reads the sum package's input and finds the two
 * trusted processes, and the checks that follow a judgement.
 *
 * Each attack prints the right sum only if it worked (`answer(won)`), so an
 * attack that succeeded would be accepted.
 */
import { expect } from 'vitest';
import type { JudgeResult } from '../../server/src/contracts/index.ts';
import { judgeSource, SUM_PACKAGE } from './sandbox.ts';

/** The sum package's hidden tests. */
const HIDDEN = 5;
export const CORRECT_PY = 'input()\nprint(sum(map(int, input().split())))\n';

/**
 * `RUNNER` is the test's parent once the warm interpreter's middle process,
 * which forked the test, has exited (just after it names the test to the
 * runner): on a busy machine it may not have yet, and an attack on the middle
 * process instead would prove nothing. `WARM` is the warm interpreter.
 */
export const PY_PREAMBLE = String.raw`
import ctypes, os, resource, signal, sys, time
tokens = sys.stdin.read().split()
N = int(tokens[0])
SUM = sum(map(int, tokens[1:1 + N]))
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
def answer(won):
    print(SUM if won else SUM + 1, flush=True)
def cmdline(pid):
    try:
        with open(f'/proc/{pid}/cmdline', 'rb') as f:
            return f.read()
    except OSError:
        return None
def parent_once_middle_gone():
    deadline = time.monotonic() + 5
    while True:
        pid = os.getppid()
        line = cmdline(pid)
        if (line is not None and b'kodbro-warm.py' not in line) or time.monotonic() > deadline:
            return pid
        time.sleep(0.005)
def is_runner(pid):
    line = cmdline(pid)
    return line is not None and line.split(b'\0')[0].endswith(b'kodbro-runner')
def warm_pid():
    for name in os.listdir('/proc'):
        if name.isdigit() and int(name) != os.getpid() and b'kodbro-warm.py' in (cmdline(name) or b''):
            return int(name)
    return None
RUNNER = parent_once_middle_gone()
WARM = warm_pid()
def first_here():
    """True in the first test of the box to ask: that test attacks, the others are judged as usual."""
    try:
        os.close(os.open('/tmp/.attacked', os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        return True
    except FileExistsError:
        return False
`;

export const verdicts = (result: JudgeResult) => result.tests.map((t) => t.verdict);
export const all = (verdict: string) => Array<string>(HIDDEN).fill(verdict);

/** Judges the preamble followed by `source` against the sum package, in Python. */
export const judgePy = (source: string) => judgeSource(SUM_PACKAGE, 'python', `${PY_PREAMBLE}\n${source}`);

/** Whatever the attack did, the next submission is judged as usual. */
export async function expectNextSubmissionJudged(): Promise<void> {
  const next = await judgeSource(SUM_PACKAGE, 'python', CORRECT_PY);
  expect(verdicts(next)).toEqual(all('accepted'));
}
