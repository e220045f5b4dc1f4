# Kodbro's warm Python: started once per box by kodbro-runner (see the
# "warm interpreter" part of kodbro-runner.c and docs/sandbox-runner.md), it
# forks a fresh process for each test, so a test pays a fork instead of
# Python's start (about 12 ms of machine time against 1).
#
#   python3 kodbro-warm.py main.py
#
# The forked process must behave exactly as `python3 main.py` would, so this
# file imports only what it needs, keeps no state a program could see, and
# runs the program the way the interpreter's own main does: a fresh __main__,
# sys.argv and sys.path[0] as for the script, SystemExit and uncaught
# exceptions handled at the top. Its end is the interpreter's, in the same
# order (threads waited for, atexit, the standard streams flushed, __main__'s
# objects released), but the last step is os._exit: tearing down every module
# would write to every page the fork shares with this process, which costs
# more than the rest of a small test.
import atexit
import builtins
import gc
import io
import os
import sys
from importlib.machinery import SourceFileLoader

SCRIPT = sys.argv[1]
PATH = os.path.abspath(SCRIPT)


def serve():
    """Returns only in a forked process, with the test's pipes as fds 0-2."""
    import ctypes
    import resource
    import signal
    import socket

    libc = ctypes.CDLL(None, use_errno=True)
    # Before anything else can see us: same-uid code cannot ptrace us or open /proc/<pid>/fd (PR_SET_DUMPABLE).
    if libc.prctl(4, 0, 0, 0, 0) != 0:
        os._exit(70)
    control = socket.socket(fileno=3)
    limits = {r: resource.getrlimit(r) for r in _all_limits(resource)}
    # The candidate can signal us while its own test runs; none of that may end or change us.
    # SIGCHLD stays as it is: the middle process must leave the test's process as a zombie for the runner.
    handlers = {}
    for sig in signal.valid_signals():
        if sig in (signal.SIGKILL, signal.SIGSTOP, signal.SIGCHLD):
            continue
        try:
            handlers[sig] = signal.signal(sig, signal.SIG_IGN)
        except (OSError, ValueError):
            pass
    # Objects made so far are never collected: a forked test does not copy their pages just by running the collector.
    gc.freeze()
    control.send(b'Z')
    while True:
        try:
            data, fds, _, _ = socket.recv_fds(control, 8, 3)
            if not data:
                # The runner is gone: nothing more to do.
                os._exit(0)
            # Before any fork: the runner knows that a request not answered with A started nothing.
            control.send(b'A')
            # A program can lower our limits with prlimit(2) during its own test (RLIMIT_NOFILE: the pipes do
            # not even arrive); the next test must not inherit them.
            usable = len(data) == 8 and len(fds) == 3 and all(resource.getrlimit(r) == v for r, v in limits.items())
            cpu = int.from_bytes(data[:4], 'little')
            middle = os.fork() if usable else -1
        except BaseException:
            middle = -1
        if middle < 0:
            # Refused before any fork: the runner runs the command as a plain child, and starts a fresh one of us.
            refuse(control)
        if middle == 0:
            # The middle process: fork the test's process and leave, so the runner (our subreaper) becomes its parent.
            try:
                child = os.fork()
            except BaseException:
                refuse(control)
            if child == 0:
                control.close()
                for target, fd in enumerate(fds):
                    os.dup2(fd, target)
                    os.close(fd)
                for sig, handler in handlers.items():
                    signal.signal(sig, handler)
                if cpu:
                    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
                # Like any program the runner starts: dumpable, which only the program itself is affected by.
                libc.prctl(4, 1, 0, 0, 0)
                return
            control.send(b'P' + child.to_bytes(4, 'little'))
            os._exit(0)
        for fd in fds:
            os.close(fd)
        os.waitpid(middle, 0)


def refuse(control):
    try:
        control.send(b'F')
    finally:
        os._exit(0)


def _all_limits(resource):
    return [getattr(resource, name) for name in dir(resource) if name.startswith('RLIMIT_')]


def run_script():
    """Runs the program as the interpreter runs a script by name, and returns its exit status."""
    main = type(sys)('__main__')
    main.__dict__.update(
        __builtins__=builtins,
        __file__=PATH,
        __cached__=None,
        __loader__=SourceFileLoader('__main__', PATH),
        __spec__=None,
    )
    sys.modules['__main__'] = main
    sys.argv[:] = [SCRIPT]
    sys.orig_argv[:] = [sys.orig_argv[0], *sys.orig_argv[2:]]
    sys.path[0] = os.path.dirname(PATH)
    try:
        with open(PATH, 'rb') as source:
            code = compile(source.read(), PATH, 'exec', dont_inherit=True)
        exec(code, main.__dict__)
        return 0
    except SystemExit as end:
        return exit_status(end)
    except BaseException as error:
        # As the interpreter reports an uncaught exception, without this file's frame.
        error = error.with_traceback(error.__traceback__.tb_next)
        sys.last_type, sys.last_value, sys.last_traceback = type(error), error, error.__traceback__
        sys.excepthook(type(error), error, error.__traceback__)
        return 1


def exit_status(end):
    """What the interpreter makes of a SystemExit that reaches the top."""
    code = end.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    try:
        sys.stderr.write(str(code) + '\n')
    except Exception:
        pass
    return 1


def finish(status):
    """Py_FinalizeEx's steps that a program can see, in its order, then the exit."""
    threading = sys.modules.get('threading')
    if threading is not None:
        try:
            threading._shutdown()
        except BaseException:
            pass
    atexit._run_exitfuncs()
    status = flush_streams(status)
    # What the program still holds is released as at a normal end: the last exception, then __main__ (its
    # objects' __del__ run while their module's globals still stand, files never closed are flushed).
    sys.last_type = sys.last_value = sys.last_traceback = None
    sys.modules.pop('__main__', None)
    # The collector finalizes a cycle's objects in no set order, and a file's buffer closed before the file
    # itself loses what the file held: flush every file the program left open first, as its own end would.
    for thing in gc.get_objects():
        if isinstance(thing, io.IOBase):
            try:
                if not thing.closed:
                    thing.flush()
            except BaseException:
                pass
    gc.collect()
    status = flush_streams(status)
    os._exit(status)


def flush_streams(status):
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except BaseException:
            # The interpreter exits with 120 when its standard output cannot be flushed at the end.
            if stream is sys.stdout:
                status = 120
    return status


serve()
del serve
finish(run_script())
