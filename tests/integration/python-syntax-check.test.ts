/**
 * Python's compile step is a short script instead of `python3 -m py_compile`
 * (less than half the CPU time). Candidates see its message as their compile
 * error, and the editor marks the lines it names: it must say, byte for
 * byte, what py_compile says, with the same exit status, in the image that
 * runs it.
 */
import { describe, expect, it } from 'vitest';
import { expandArgv, LANGUAGES } from '../../server/src/languages/index.ts';
import { boxForFile } from '../support/sandbox.ts';

const SOURCES: Record<string, string | Buffer> = {
  accepted: 'print(sum(map(int, input().split())))\n',
  'invalid syntax': 'x = 1\ndef f(:\n    pass\n',
  'end of file': 'x = 1 +\n',
  indentation: 'if True:\npass\n',
  'tabs and spaces': 'def f():\n\treturn 1\n        return 2\n',
  'return outside a function': 'return 5\n',
  'an f-string': 'print(f"{x!}")\n',
  'an unclosed bracket': 'a = 1\nb = (\n',
  'a null byte': 'x = "\0"\n',
  'bytes that are not UTF-8': Buffer.from('print("\xff\xfe")\n', 'latin1'),
  'a declared encoding': Buffer.from('# -*- coding: latin-1 -*-\nprint("\xe9")\n', 'latin1'),
  'an unknown encoding': '# coding: bogus\nx = 1\n',
  'an error in Arabic text': 'x = "مرحبا" +\n',
};

const box = boxForFile('python', 64);

const check = async (argv: string[], source: string | Buffer) => {
  const outcome = await box().exec({
    argv,
    files: [{ path: 'main.py', content: Buffer.from(source) }],
    env: LANGUAGES.python.env,
    wallTimeMs: 10_000,
    stdoutLimit: 64 * 1024,
    stderrLimit: 64 * 1024,
  });
  return { exitCode: outcome.exitCode, stdout: outcome.stdout.toString('latin1'), stderr: outcome.stderr.toString('latin1') };
};

describe("Python's syntax check", () => {
  it.each(Object.keys(SOURCES))('says what py_compile says: %s', async (name) => {
    const source = SOURCES[name]!;
    const ours = await check(expandArgv(LANGUAGES.python.compile!, { file: 'main.py', memoryMb: 64 }), source);
    const theirs = await check(['python3', '-m', 'py_compile', 'main.py'], source);
    expect(ours).toEqual(theirs);
    expect(ours.exitCode).toBe(name === 'accepted' || name === 'a declared encoding' ? 0 : 1);
  });
});
