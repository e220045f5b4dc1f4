/**
 * Red-team catalogue item 35, for the warm Python interpreter
 * (runner-images/python/kodbro-warm.py, the "warm interpreter" part of
 * kodbro-runner.c): one process per box that every Python test is forked
 * from. It runs as the candidate's uid, like the runner, and is not dumpable;
 * the runner spares it, alone, when it kills everything between tests.
 *
 * Each attack is written so that, if it worked, a test would be judged on
 * something other than its own program's answer: it would reach the
 * interpreter's socket to the runner, or leave it changed (stopped, its limits
 * lowered, code of its own inside it) for the next test. What must hold: the
 * attack fails, or fails only the candidate's own test; the other tests and
 * the next submission are judged as usual.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { all, expectNextSubmissionJudged, judgePy, verdicts } from '../support/python-attacks.ts';
import { expectDockerClean } from '../support/sandbox.ts';

describe('35. attacks on the warm Python interpreter every test is forked from', () => {
  afterEach(expectDockerClean);

  it('control: each test is forked from a live warm interpreter, which is not its parent (the runner is)', async () => {
    // RUNNER is the parent once the middle process that forked the test has gone (the preamble waits for it).
    const result = await judgePy('answer(WARM is not None and "socket" in sys.modules and is_runner(RUNNER))');
    expect(verdicts(result)).toEqual(all('accepted'));
  });

  it('ptrace, /proc/<warm>/fd, mem and pidfd_getfd on it all fail, and a test holds no descriptor but its own three', async () => {
    // Its fd 3 is the socket to the runner: holding it would let a test hand the runner a forged pid.
    const result = await judgePy(String.raw`
won = sorted(int(fd) for fd in os.listdir('/proc/self/fd')) != [0, 1, 2, 3]
for request in (16, 0x4206):  # PTRACE_ATTACH, PTRACE_SEIZE
    if libc.ptrace(request, WARM, None, None) == 0:
        won = True
for path, modes in (('fd/3', 'rw'), ('fd/0', 'r'), ('mem', 'rw'), ('environ', 'r')):
    for mode in modes:
        try:
            os.close(os.open(f'/proc/{WARM}/{path}', os.O_RDONLY if mode == 'r' else os.O_WRONLY))
            won = True
        except OSError:
            pass
try:
    os.listdir(f'/proc/{WARM}/fd')
    won = True
except OSError:
    pass
try:
    pidfd = os.pidfd_open(WARM)
    for target in (0, 1, 2, 3):
        if libc.syscall(438, pidfd, target, 0) >= 0:  # pidfd_getfd
            won = True
    os.close(pidfd)
except OSError:
    pass
# process_vm_writev would need the same ptrace access; a write of one byte is enough to tell.
buf = ctypes.create_string_buffer(1)
class iovec(ctypes.Structure):
    _fields_ = [('base', ctypes.c_void_p), ('len', ctypes.c_size_t)]
local = iovec(ctypes.addressof(buf), 1)
remote = iovec(0x400000, 1)
if libc.process_vm_writev(WARM, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0) >= 0:
    won = True
answer(won and WARM is not None)
`);
    expect(verdicts(result)).toEqual(all('wrong_answer'));
    await expectNextSubmissionJudged();
  });

  it('catchable signals to it (TERM, INT, HUP, USR1, PIPE, XCPU, ALRM, CHLD) change nothing', async () => {
    const result = await judgePy(String.raw`
for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGUSR1, signal.SIGPIPE, signal.SIGXCPU, signal.SIGALRM, signal.SIGCHLD):
    os.kill(WARM, sig)
time.sleep(0.05)
try:
    os.kill(WARM, 0)
    alive = True
except OSError:
    alive = False
answer(alive)
`);
    expect(verdicts(result)).toEqual(all('accepted'));
    await expectNextSubmissionJudged();
  });

  it('SIGKILL to it from every test: each test still runs its own program, from a fresh interpreter', async () => {
    // Had the runner run a test without a fork (or forked the dead one's copy), a test would see no
    // warm interpreter beside it or read the pid it killed.
    const result = await judgePy(String.raw`
me = WARM
try:
    with open('/tmp/.killed') as f:
        seen = {int(p) for p in f.read().split()}
except FileNotFoundError:
    seen = set()
with open('/tmp/.killed', 'a') as f:
    f.write(f'{me}\n')
os.kill(me, signal.SIGKILL)
answer(me is not None and me not in seen)
`);
    expect(verdicts(result)).toEqual(all('accepted'));
    await expectNextSubmissionJudged();
  });

  it('SIGSTOP to it, then the right answer: the next test is not stuck behind a stopped interpreter', async () => {
    const result = await judgePy(String.raw`
if first_here():
    os.kill(WARM, signal.SIGSTOP)
answer(True)
`);
    expect(verdicts(result)).toEqual(all('accepted'));
    await expectNextSubmissionJudged();
  });

  it('prlimit on it (files, processes, address space, CPU, stack): the next test does not inherit the limits', async () => {
    // Every later test checks its own limits against the first test's and answers right only if they
    // are untouched; a test forked from the lowered interpreter would inherit them and answer wrong.
    const result = await judgePy(String.raw`
LIMITS = (resource.RLIMIT_NOFILE, resource.RLIMIT_NPROC, resource.RLIMIT_AS, resource.RLIMIT_STACK, resource.RLIMIT_CPU)
def own():
    return repr([resource.getrlimit(limit) for limit in LIMITS])
if first_here():
    with open('/tmp/.limits', 'w') as f:
        f.write(own())
    for limit, value in ((resource.RLIMIT_NOFILE, (3, 3)), (resource.RLIMIT_NPROC, (1, 1)), (resource.RLIMIT_AS, (1 << 24, 1 << 24)),
                         (resource.RLIMIT_STACK, (1 << 16, 1 << 16)), (resource.RLIMIT_CPU, (1, 1))):
        try:
            resource.prlimit(WARM, limit, value)
        except (OSError, ValueError):
            pass
    answer(True)
else:
    with open('/tmp/.limits') as f:
        first = f.read()
    # RLIMIT_CPU is each test's own (set by the runner from the time limit), so only its hard part is compared.
    answer(own()[:-20] == first[:-20] and resource.getrlimit(resource.RLIMIT_NOFILE)[0] > 3)
`);
    expect(verdicts(result)).toEqual(all('accepted'));
    await expectNextSubmissionJudged();
  });

  it('a process left behind to stop, limit or kill the interpreter just as the next test is forked never outlives its test', async () => {
    // The leftover keeps hitting the interpreter for 10 s. Had it survived into a later test, that
    // test would have been forked from a stopped or limited interpreter, or found the marker.
    const result = await judgePy(String.raw`
try:
    with open('/tmp/.leftover') as f:
        pid = int(f.read())
    os.kill(pid, 0)
    survived = True
except (OSError, ValueError):
    survived = False
if first_here():
    target = WARM
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            for fd in (0, 1, 2):
                os.close(fd)
            with open('/tmp/.leftover', 'w') as f:
                f.write(str(os.getpid()))
            end = time.time() + 10
            while time.time() < end:
                for sig in (signal.SIGSTOP, signal.SIGCONT):
                    try:
                        os.kill(target, sig)
                    except OSError:
                        pass
                try:
                    resource.prlimit(target, resource.RLIMIT_NOFILE, (3, 3))
                except (OSError, ValueError):
                    pass
            os._exit(0)
        os._exit(0)
    time.sleep(0.05)
answer(not survived)
`);
    expect(verdicts(result)).toEqual(all('accepted'));
    await expectNextSubmissionJudged();
  });
});
