import { describe, expect, it } from 'vitest';
import { LANGUAGE_IDS } from '../contracts/index.ts';
import { expandArgv, languageForFile, LANGUAGES, sourceFileName } from './index.ts';

describe('the language table', () => {
  it('has one entry per language id, keyed by its own id', () => {
    expect(Object.keys(LANGUAGES).sort()).toEqual([...LANGUAGE_IDS].sort());
    for (const [id, spec] of Object.entries(LANGUAGES)) expect(spec.id).toBe(id);
  });

  it('uses argv arrays of plain words, never a shell', () => {
    for (const spec of Object.values(LANGUAGES)) {
      for (const argv of [spec.run, spec.compile ?? []]) {
        expect(argv.length === 0 || !['sh', 'bash', '/bin/sh'].includes(argv[0] as string)).toBe(true);
        for (const arg of argv) expect(arg).not.toMatch(/[;&|`$<>]/);
      }
    }
  });

  it('gives every language a distinct extension and a source file of that extension', () => {
    const seen = new Set<string>();
    for (const spec of Object.values(LANGUAGES)) {
      for (const ext of spec.extensions) {
        expect(seen.has(ext)).toBe(false);
        seen.add(ext);
      }
      expect(spec.extensions.some((ext) => spec.sourceFile.endsWith(ext))).toBe(true);
      expect(spec.timeFactor).toBeGreaterThanOrEqual(1);
      expect(spec.hello.length).toBeGreaterThan(10);
    }
  });

  it('selects the language from a file name', () => {
    expect(languageForFile('solutions/accepted.py')?.id).toBe('python');
    expect(languageForFile('A.JAVA')?.id).toBe('java');
    expect(languageForFile('x.cc')?.id).toBe('cpp');
    expect(languageForFile('x.c')?.id).toBe('c');
    expect(languageForFile('main.go')?.id).toBe('go');
    expect(languageForFile('main.js')?.id).toBe('javascript');
    expect(languageForFile('main.rb')).toBeUndefined();
  });

  it('names a Java file after its public class', () => {
    expect(sourceFileName(LANGUAGES.java, 'import x;\npublic final class Accepted {\n}')).toBe('Accepted.java');
    expect(sourceFileName(LANGUAGES.java, 'class Helper {}\nclass Main {}')).toBe('Main.java');
    expect(sourceFileName(LANGUAGES.python, 'print(1)')).toBe('main.py');
  });

  it('expands placeholders per argument, never splitting or joining them', () => {
    expect(expandArgv(LANGUAGES.java.run, { file: 'Accepted.java', memoryMb: 256 })).toEqual([
      'java',
      '-Xmx256m',
      '-Xss64m',
      '-XX:+UseSerialGC',
      '-XX:-UsePerfData',
      '-XX:+ExitOnOutOfMemoryError',
      'Accepted',
    ]);
    expect(expandArgv(['x', '{file} y'], { file: 'a b.py', memoryMb: 1 })).toEqual(['x', 'a b.py y']);
  });
});

describe('Java file names', () => {
  it('ignore commented-out classes and know every class modifier', () => {
    expect(sourceFileName(LANGUAGES.java, '/*\npublic class OldName {}\n*/\npublic class Solver {}')).toBe('Solver.java');
    expect(sourceFileName(LANGUAGES.java, '// public class Nope\npublic strictfp class Fast {}')).toBe('Fast.java');
    expect(sourceFileName(LANGUAGES.java, 'import java.util.*; public final class A {}')).toBe('A.java');
  });
});
