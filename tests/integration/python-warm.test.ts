/**
 * The warm Python interpreter (runner-images/python/kodbro-warm.py) must be
 * invisible to a program: every program here runs twice in one real box, once
 * as `python3 main.py` and once forked from the warm interpreter, and both runs
 * must print the same bytes on stdout and stderr and end with the same status.
 * The cases are the places where a fork server usually shows: how the program
 * ends (exit codes, SystemExit with text, uncaught exceptions and their
 * tracebacks, signals), what runs at the end (atexit, threads, files never
 * closed, __del__), and what the program sees of itself (__main__, argv,
 * sys.path, its builtins).
 */
import { describe, expect, it } from 'vitest';
import { expandArgv, LANGUAGES } from '../../server/src/languages/index.ts';
import { boxForFile } from '../support/sandbox.ts';

const python = LANGUAGES.python;
const FILE = python.sourceFile;
const RUN = expandArgv(python.run, { file: FILE, memoryMb: 256 });
const WARM = expandArgv(python.warmRun ?? [], { file: FILE, memoryMb: 256 });

const box = boxForFile('python', 256);

async function run(source: string, stdin: string, warm: boolean) {
  await box().writeFiles([{ path: FILE, content: Buffer.from(source) }]);
  const outcome = await box().exec({
    argv: RUN,
    ...(warm ? { warm: WARM } : {}),
    env: python.env ?? {},
    stdin: Buffer.from(stdin),
    wallTimeMs: 10_000,
    stdoutLimit: 1 << 22,
    stderrLimit: 1 << 16,
  });
  return { exitCode: outcome.exitCode, stdout: outcome.stdout.toString('utf8'), stderr: outcome.stderr.toString('utf8') };
}

/** Runs the program both ways and expects the same; returns the run, for checks of its own. */
async function same(source: string, stdin = '') {
  const plain = await run(source, stdin, false);
  const warm = await run(source, stdin, true);
  expect(warm).toEqual(plain);
  return plain;
}

describe('the warm Python interpreter', () => {
  it('is used: the forked program has the modules the interpreter loaded, a plain start does not', async () => {
    const source = "import sys\nprint('socket' in sys.modules)\n";
    expect((await run(source, '', false)).stdout).toBe('False\n');
    expect((await run(source, '', true)).stdout).toBe('True\n');
  });

  it('reads stdin and writes stdout as a plain start does, large or small', async () => {
    const numbers = Array.from({ length: 200_000 }, (_, i) => i).join(' ');
    const result = await same('import sys\nxs = list(map(int, sys.stdin.read().split()))\nprint(sum(xs))\nprint("x" * 1_000_000)\n', numbers);
    expect(result.stdout.startsWith('19999900000\n')).toBe(true);
    await same('name = input()\nage = int(input())\nprint(f"{name}: {age + 1}")\n', 'Lina\n29\n');
  });

  it('ends with the same status: sys.exit with a number or a text, exit() and quit(), a signal, the end of the file', async () => {
    expect((await same('import sys\nprint("a")\nsys.exit(3)\n')).exitCode).toBe(3);
    expect((await same('import sys\nsys.exit("bye, world")\n')).exitCode).toBe(1);
    expect((await same('exit()\n')).exitCode).toBe(0);
    expect((await same('quit(4)\n')).exitCode).toBe(4);
    expect((await same('import sys\nsys.exit(-1)\n')).exitCode).toBe(255);
    expect((await same('import sys\nsys.exit(None)\n')).exitCode).toBe(0);
    expect((await same('import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n')).exitCode).toBe(137);
    expect((await same('raise SystemExit(7)\n')).exitCode).toBe(7);
  });

  it('reports an uncaught exception with the same traceback, naming only the program', async () => {
    const result = await same('def f(n):\n    return 10 // n\n\nprint("before")\nf(0)\n');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('File "/box/main.py", line 5, in <module>');
    expect(result.stderr).toContain('ZeroDivisionError');
    expect(result.stderr).not.toContain('kodbro');
    await same('import sys\nsys.excepthook = lambda t, v, tb: print("hooked", t.__name__, file=sys.stderr)\nraise KeyError("k")\n');
    await same('x = (\n');
    await same('raise RecursionError\n');
  });

  it('runs what a normal end runs: threads waited for, atexit, files never closed flushed, __del__', async () => {
    await same(
      [
        'import atexit, sys, threading, time',
        'atexit.register(lambda: print("atexit"))',
        'def late():',
        '    time.sleep(0.2)',
        '    print("thread done", flush=True)',
        'threading.Thread(target=late).start()',
        'out = open(1, "w", closefd=False)',
        'out.write("never closed\\n")',
        'class Noisy:',
        '    def __del__(self):',
        '        print("del", file=sys.stderr)',
        'keep = Noisy()',
        'sys.stdout.write("no newline")',
      ].join('\n'),
    );
  });

  it('sees itself as a script run by name: __main__, __file__, argv, sys.path[0], builtins, deep recursion', async () => {
    const result = await same(
      [
        'import sys, builtins',
        'print(__name__, __file__, sys.argv, sys.orig_argv, sys.path[0], __spec__, __loader__.name, __builtins__ is builtins)',
        'print(sys.modules["__main__"].__dict__ is globals(), __package__, __doc__)',
        'sys.setrecursionlimit(100_000)',
        'def depth(n):',
        '    return 0 if n == 0 else 1 + depth(n - 1)',
        'print(depth(50_000))',
        'import random',
        'print(len({random.random() for _ in range(3)}))',
      ].join('\n'),
    );
    expect(result.stdout).toContain("__main__ /box/main.py ['main.py'] ['python3', 'main.py'] /box None __main__ True");
  });

  it('is refused beside files to unpack: a forked command would never unpack them', async () => {
    const request = { argv: RUN, warm: WARM, files: [{ path: FILE, content: Buffer.from('print(1)\n') }], wallTimeMs: 10_000, stdoutLimit: 1024, stderrLimit: 1024 };
    await expect(box().exec(request)).rejects.toMatchObject({ code: 'invalid_argument' });
  });

  it('replaces an interpreter the last run killed, dead or still dying: every run is forked, each from a new one', async () => {
    // The kill is the program's last act, so on a busy machine the next run is sent while the dead interpreter is
    // not yet reaped (a runner that took its end for a lost command failed 1 run in 3 here beside four busy loops).
    const source = [
      'import os, signal, sys',
      'def alike():',
      '    found = []',
      '    for p in os.listdir("/proc"):',
      '        try:',
      '            if p.isdigit() and int(p) != os.getpid() and b"kodbro-warm.py" in open(f"/proc/{p}/cmdline", "rb").read():',
      '                found.append(int(p))',
      '        except OSError:',
      '            pass',
      '    return found',
      // Forks of it share its command line: this process, and the middle one while it lasts (it leaves at once).
      'while len(warm := alike()) > 1:',
      '    pass',
      'print("socket" in sys.modules, warm)',
      'os.kill(warm[0], signal.SIGKILL)',
    ].join('\n');
    await box().writeFiles([{ path: FILE, content: Buffer.from(source) }]);
    const seen: string[] = [];
    for (let i = 0; i < 30; i++) {
      const outcome = await box().exec({ argv: RUN, warm: WARM, wallTimeMs: 10_000, stdoutLimit: 1024, stderrLimit: 4096 });
      expect({ exitCode: outcome.exitCode, stderr: outcome.stderr.toString() }).toEqual({ exitCode: 0, stderr: '' });
      seen.push(outcome.stdout.toString());
    }
    for (const line of seen) expect(line).toMatch(/^True \[\d+\]\n$/);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('gives each test a process of its own: nothing one run leaves in memory reaches the next', async () => {
    const source = 'import builtins\nprint(getattr(builtins, "left", None))\nbuiltins.left = "from before"\n';
    expect((await run(source, '', true)).stdout).toBe('None\n');
    expect((await run(source, '', true)).stdout).toBe('None\n');
  });
});
