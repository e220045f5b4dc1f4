import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_IDS } from '../contracts/index.ts';
import { ALL_LANGUAGE_IDS, expandArgv, languageForFile, LANGUAGES, memoryCaps, sourceFileName } from './index.ts';
import { KOTLINC_CLASSPATH } from './kotlin.ts';

describe('the language table', () => {
  it('has one entry per language id, keyed by its own id', () => {
    expect(Object.keys(LANGUAGES).sort()).toEqual([...LANGUAGE_IDS].sort());
    for (const [id, spec] of Object.entries(LANGUAGES)) expect(spec.id).toBe(id);
    expect(ALL_LANGUAGE_IDS).toEqual([...LANGUAGE_IDS]);
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
    expect(languageForFile('Program.cs')?.id).toBe('csharp');
    expect(languageForFile('main.kt')?.id).toBe('kotlin');
    expect(languageForFile('main.rs')?.id).toBe('rust');
    expect(languageForFile('main.rb')?.id).toBe('ruby');
    expect(languageForFile('index.PHP')?.id).toBe('php');
    expect(languageForFile('main.ts')?.id).toBe('typescript');
    expect(languageForFile('Main.hs')?.id).toBe('haskell');
    expect(languageForFile('main.pas')).toBeUndefined();
    expect(languageForFile('README.md')).toBeUndefined();
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
      // The class holding main, found after compiling, is named in this argfile.
      '@.kodbro-main',
    ]);
    expect(expandArgv(['x', '{file} y', '{name}'], { file: 'a b.py', memoryMb: 1 })).toEqual(['x', 'a b.py y', 'a b']);
  });
});

describe('Java file names', () => {
  it('ignore commented-out classes and know every class modifier', () => {
    expect(sourceFileName(LANGUAGES.java, '/*\npublic class OldName {}\n*/\npublic class Solver {}')).toBe('Solver.java');
    expect(sourceFileName(LANGUAGES.java, '// public class Nope\npublic strictfp class Fast {}')).toBe('Fast.java');
    expect(sourceFileName(LANGUAGES.java, 'import java.util.*; public final class A {}')).toBe('A.java');
  });
});

describe('runtimes with start-up costs', () => {
  it('compiles Kotlin with the classpath and archive its image was warmed with', () => {
    // The JVM ignores a class-data archive made with another classpath, and
    // every compile would silently take twice as long.
    const dockerfile = readFileSync(path.resolve(import.meta.dirname, '../../../runner-images/kotlin/Dockerfile'), 'utf8');
    const warmed = /-cp (\S+)/.exec(dockerfile)?.[1]?.replaceAll('$lib', '/usr/share/kotlin/kotlinc/lib');
    expect(warmed).toBe(KOTLINC_CLASSPATH);
    const archive = /-XX:ArchiveClassesAtExit=(\S+)/.exec(dockerfile)?.[1];
    expect(LANGUAGES.kotlin.compile).toContain(`-XX:SharedArchiveFile=${archive}`);
    expect(LANGUAGES.kotlin.compile).toContain(KOTLINC_CLASSPATH);
    expect(dockerfile).toContain('-kotlin-home /usr/share/kotlin/kotlinc');
  });

  it('runs Kotlin on the JVM like Java: heap at the limit, runtime on top, heap exhaustion its own status', () => {
    expect(expandArgv(LANGUAGES.kotlin.run, { file: 'main.kt', memoryMb: 256 })).toEqual([
      'java',
      '-Xmx256m',
      '-Xss64m',
      '-XX:+UseSerialGC',
      '-XX:-UsePerfData',
      '-XX:+ExitOnOutOfMemoryError',
      '-cp',
      '/usr/share/java/kotlin-stdlib.jar:.',
      'MainKt',
    ]);
    expect(LANGUAGES.kotlin.memoryOverheadMb).toBe(LANGUAGES.java.memoryOverheadMb);
    expect(LANGUAGES.kotlin.memoryLimitExitCode).toBe(LANGUAGES.java.memoryLimitExitCode);
  });

  it('runs the JavaScript that tsc writes beside the TypeScript source', () => {
    expect(expandArgv(LANGUAGES.typescript.run, { file: 'main.ts', memoryMb: 64 })).toEqual(['node', '--enable-source-maps', '--stack-size=65500', 'main.js']);
    expect(LANGUAGES.typescript.compile).toContain('--noEmitOnError');
  });

  it("caps Haskell's heap at the test's limit, so running out is GHC's own heap overflow", () => {
    expect(expandArgv(LANGUAGES.haskell.run, { file: 'main.hs', memoryMb: 64 })).toEqual(['./main', '+RTS', '-M64m', '-RTS']);
    expect(LANGUAGES.haskell.compile).toContain('-rtsopts');
    expect(LANGUAGES.haskell.memoryLimitExitCode).toBe(251);
  });

  it('leaves memory to the box for PHP: its own limit would look like any fatal error', () => {
    expect(LANGUAGES.php.run).toContain('memory_limit=-1');
    expect(LANGUAGES.php.memoryLimitExitCode).toBeUndefined();
  });

  it('gives a syntax-checked language one memory cap, and a compiled one at least the compile cap', () => {
    expect(memoryCaps(LANGUAGES.python, 64, 1536)).toEqual({ runMb: 64 + LANGUAGES.python.memoryOverheadMb, compileMb: 64 + LANGUAGES.python.memoryOverheadMb });
    expect(memoryCaps(LANGUAGES.cpp, 64, 1536)).toEqual({ runMb: 64 + LANGUAGES.cpp.memoryOverheadMb, compileMb: 1536 });
    expect(memoryCaps(LANGUAGES.cpp, 4096, 1536).compileMb).toBe(4096 + LANGUAGES.cpp.memoryOverheadMb);
  });
});
