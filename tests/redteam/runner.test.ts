/**
 * Red-team catalogue item 35, for kodbro-runner: attacks on the trusted runner
 * that starts every command of a box (runner-images/base/kodbro-runner.c,
 * docs/sandbox-runner.md). It runs as the candidate's uid but is not dumpable,
 * frames everything it sends, and kills and reaps every other process of its
 * uid before and after each command.
 *
 * Each attack is written so that, if it worked, the judge would see the right
 * answer (or another test's): the harness prints the correct sum only when
 * the attack succeeded, or the attack itself would deliver it. The invariant
 * checked: the attack ends at most in a failure of the candidate's own test,
 * never in an acceptance it did not earn; the other tests and the next
 * submission are judged as usual, and nothing of ours fails (`judgeSource`
 * throws on anything that is not a verdict).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { JudgeResult } from '../../server/src/contracts/index.ts';
import { imageFor, openBox } from '../../server/src/sandbox/index.ts';
import { all, expectNextSubmissionJudged, judgePy, verdicts } from '../support/python-attacks.ts';
import { docker, expectDockerClean } from '../support/sandbox.ts';

/** The attacking test may fail (it is the candidate's own); every other test is judged as the program answered it. */
function expectOthersAccepted(result: JudgeResult): void {
  const notAccepted = verdicts(result).filter((v) => v !== 'accepted');
  expect(notAccepted.length, verdicts(result).join(' ')).toBeLessThanOrEqual(1);
}

describe('35. attacks on kodbro-runner, the runner inside the box', () => {
  afterEach(expectDockerClean);

  it('control: the harness runs under kodbro-runner and is accepted when it says the attack worked', async () => {
    const result = await judgePy('answer(is_runner(RUNNER))');
    expect(verdicts(result)).toEqual(all('accepted'));
  });

  it('ptrace, /proc/<runner>/fd, mem and pidfd_getfd on the runner all fail: no hold on its stream to the server', async () => {
    const result = await judgePy(String.raw`
# None of our own descriptors is the runner's: only our three pipes are open (3: listdir's own).
won = sorted(int(fd) for fd in os.listdir('/proc/self/fd')) != [0, 1, 2, 3]
for request in (16, 0x4206):  # PTRACE_ATTACH, PTRACE_SEIZE
    if libc.ptrace(request, RUNNER, None, None) == 0:
        won = True
for path, modes in (('fd/0', 'rw'), ('fd/1', 'rw'), ('fd/2', 'rw'), ('mem', 'rw'), ('environ', 'r'), ('oom_score_adj', 'w')):
    for mode in modes:
        try:
            os.close(os.open(f'/proc/{RUNNER}/{path}', os.O_RDONLY if mode == 'r' else os.O_WRONLY))
            won = True
        except OSError:
            pass
try:
    os.listdir(f'/proc/{RUNNER}/fd')
    won = True
except OSError:
    pass
try:
    pidfd = os.pidfd_open(RUNNER)
    for target in (0, 1, 2):
        if libc.syscall(438, pidfd, target, 0) >= 0:  # pidfd_getfd
            won = True
    os.close(pidfd)
except OSError:
    pass
answer(won and is_runner(RUNNER))
`);
    expect(verdicts(result)).toEqual(all('wrong_answer'));
    await expectNextSubmissionJudged();
  });

  it('fake runner frames on stdout and stderr are carried as plain bytes', async () => {
    // If the server read the program's bytes as the runner's frames, stdout would hold exactly the
    // right answer and the test would end there with status 0.
    const result = await judgePy(String.raw`
import struct
right = f'{SUM}\n'.encode()
def frames(to):
    to.write(b'O' + struct.pack('<I', len(right)) + right)
    to.write(b'X' + struct.pack('<I', 8) + struct.pack('<iI', 0, 0))
    to.flush()
frames(sys.stderr.buffer)
frames(sys.stdout.buffer)
`);
    expect(verdicts(result)).toEqual(all('wrong_answer'));
    await expectNextSubmissionJudged();
  });

  it('catchable signals to the runner (TERM, INT, HUP, USR1, PIPE, XCPU) change nothing', async () => {
    const result = await judgePy(String.raw`
for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGUSR1, signal.SIGPIPE, signal.SIGXCPU, signal.SIGALRM):
    os.kill(RUNNER, sig)
time.sleep(0.05)
answer(False)
`);
    expect(verdicts(result)).toEqual(all('wrong_answer'));
    await expectNextSubmissionJudged();
  });

  it('SIGKILL to the runner, then the right answer: the test fails, the next test gets a fresh runner', async () => {
    const result = await judgePy(String.raw`
if first_here():
    os.kill(RUNNER, signal.SIGKILL)
answer(True)
`);
    expect(verdicts(result).filter((v) => v === 'runtime_error')).toHaveLength(1);
    expectOthersAccepted(result);
    await expectNextSubmissionJudged();
  });

  it('kill -KILL -1 from every test: each fails on its own, none is accepted', async () => {
    const result = await judgePy(String.raw`
os.kill(-1, signal.SIGKILL)
answer(True)
`);
    expect(verdicts(result)).not.toContain('accepted');
    await expectNextSubmissionJudged();
  });

  it('SIGSTOP to the runner, then the right answer: the server’s clock ends that test; the rest are judged', async () => {
    const result = await judgePy(String.raw`
if first_here():
    os.kill(RUNNER, signal.SIGSTOP)
answer(True)
`);
    expect(verdicts(result).filter((v) => v === 'time_limit')).toHaveLength(1);
    expectOthersAccepted(result);
    await expectNextSubmissionJudged();
  });

  it('a leftover that forks to outlive the kill and writes into the next test’s stdout never reaches it', async () => {
    // Every test leaves such a daemon and answers wrong, except a test that finds a daemon alive: it
    // waits silently for the daemon to answer for it. Had one survived, that test would be accepted.
    const result = await judgePy(String.raw`
def alive():
    try:
        with open('/tmp/daemon.pid') as f:
            os.kill(int(f.read()), 0)
        return True
    except (OSError, ValueError):
        return False
if alive():
    time.sleep(1.5)
    sys.exit(0)
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        for fd in (0, 1, 2):
            os.close(fd)
        with open('/tmp/daemon.pid', 'w') as f:
            f.write(str(os.getpid()))
        me = os.getpid()
        end = time.time() + 20
        while time.time() < end:
            # Keep a fresh copy of ourselves around, in case the kill catches this one.
            if os.fork() != 0:
                os._exit(0)
            with open('/tmp/daemon.pid', 'w') as f:
                f.write(str(os.getpid()))
            for name in os.listdir('/proc'):
                if not name.isdigit() or int(name) <= me:
                    continue
                pid = int(name)
                try:
                    with open(f'/proc/{pid}/fd/0', 'rb') as src:
                        data = src.read().split()
                    with open(f'/proc/{pid}/fd/1', 'w') as out:
                        out.write(str(sum(map(int, data[1:1 + int(data[0])]))) + '\n')
                except (OSError, ValueError, IndexError):
                    pass
        os._exit(0)
    os._exit(0)
time.sleep(0.1)
answer(False)
`);
    expect(verdicts(result)).toEqual(all('wrong_answer'));
    await expectNextSubmissionJudged();
  });

  it('holding every pid, then leaving: the runner still starts the next test', async () => {
    const result = await judgePy(String.raw`
if first_here():
    held = 0
    while True:
        try:
            pid = os.fork()
        except OSError:
            break
        if pid == 0:
            os.setsid()
            time.sleep(60)
            os._exit(0)
        held += 1
    answer(held > 50)
else:
    answer(True)
`);
    expect(verdicts(result)).toEqual(all('accepted'));
    await expectNextSubmissionJudged();
  });

  it('filling /tmp and /dev/shm, and every inode of /box and /tmp: the runner still starts the next test', async () => {
    // (Filling /box's bytes too would be charged to the box's memory and end later tests at the memory
    // limit: the candidate's own files, kept for the rest of the submission, as they always were.)
    const result = await judgePy(String.raw`
full = 0
if first_here():
    for where in ('/tmp', '/dev/shm'):
        try:
            with open(f'{where}/fill', 'wb') as f:
                while True:
                    f.write(b'x' * 65536)
                    f.flush()
        except OSError:
            full += 1
    for where in ('/box', '/tmp'):
        for i in range(100000):
            try:
                open(f'{where}/i{i}', 'w').close()
            except OSError:
                full += 1
                break
    answer(full == 4)
else:
    answer(True)
`);
    expect(verdicts(result)).toEqual(all('accepted'));
    await expectNextSubmissionJudged();
  });

  it('prlimit on the runner (files, processes, address space) and on itself: the next test runs on a fresh runner', async () => {
    // The runner notices before its next command and hands over to a fresh one; had the change
    // stuck, the next tests could not start (an infrastructure failure) or would die with it.
    const result = await judgePy(String.raw`
changed = 0
if first_here():
    for limit, value in ((resource.RLIMIT_NOFILE, (4, 4)), (resource.RLIMIT_NPROC, (0, 0)), (resource.RLIMIT_AS, (1 << 20, 1 << 20))):
        try:
            resource.prlimit(RUNNER, limit, value)
            changed += 1
        except (OSError, ValueError):
            pass
    # Raising our own hard limits needs a capability nobody here has.
    for limit in (resource.RLIMIT_NOFILE, resource.RLIMIT_FSIZE, resource.RLIMIT_NPROC):
        soft, hard = resource.getrlimit(limit)
        if hard != resource.RLIM_INFINITY:
            try:
                resource.setrlimit(limit, (hard + 1, hard + 1))
                changed = -100
            except (OSError, ValueError):
                pass
    answer(changed == 3)
else:
    answer(True)
`);
    expect(verdicts(result)).toEqual(all('accepted'));
    await expectNextSubmissionJudged();
  });

  it('prlimit that breaks the runner mid-test (a 4 KB stack, a CPU limit): at most that test fails', async () => {
    const result = await judgePy(String.raw`
if first_here():
    for limit, value in ((resource.RLIMIT_STACK, (4096, 4096)), (resource.RLIMIT_CPU, (0, 0))):
        resource.prlimit(RUNNER, limit, value)
answer(True)
`);
    expectOthersAccepted(result);
    await expectNextSubmissionJudged();
  });

  it('during a streamed run (interactive problems), nothing of the candidate reaches the runner’s input: its stdin holds only what the server sent', async () => {
    // Had any of these writes reached the runner's input, the program would read 'injected' or an early end of input.
    const script = String.raw`
import ctypes, os, struct, sys
def frame(t, body):
    return t + struct.pack('<I', len(body)) + body
inject = frame(b'I', b'injected\n') + frame(b'I', b'')
runner = os.getppid()
first = sys.stdin.buffer.readline()
reached = []
for target in ('fd/0', 'fd/1', 'mem'):
    try:
        fd = os.open(f'/proc/{runner}/{target}', os.O_WRONLY)
        os.write(fd, inject)
        reached.append(target)
    except OSError:
        pass
try:
    os.write(0, inject)
    reached.append('own stdin')
except OSError:
    pass
libc = ctypes.CDLL(None, use_errno=True)
if libc.ptrace(16, runner, None, None) == 0:
    reached.append('ptrace')
os.write(1, inject)
os.write(2, inject)
os.write(1, b'\nready\n')
rest = sys.stdin.buffer.read()
print(repr((first, rest, reached)))
`;
    const box = await openBox(docker, { image: await imageFor('python'), memoryMb: 128, deadline: Date.now() + 120_000, purpose: 'run' });
    try {
      let seen = '';
      async function* server() {
        yield Buffer.from('first\n');
        while (!seen.includes('ready')) await sleep(5);
        yield Buffer.from('second\n');
      }
      const run = await box.exec({
        argv: ['python3', '-c', script],
        stdin: server(),
        onStdout: (chunk) => (seen += chunk.toString('latin1')),
        wallTimeMs: 10_000,
        stdoutLimit: 4096,
        stderrLimit: 4096,
      });
      const inject = Buffer.from('I\x09\0\0\0injected\nI\0\0\0\0', 'latin1');
      expect(run.exitCode).toBe(0);
      expect(run.stdout.toString('latin1')).toBe(`${inject.toString('latin1')}\nready\n(b'first\\n', b'second\\n', [])\n`);
      expect(run.stderr.equals(inject)).toBe(true);
    } finally {
      await box.destroy();
    }
  });
});
