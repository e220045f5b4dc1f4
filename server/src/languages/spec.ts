import type { LanguageId } from '../contracts/index.ts';

/**
 * How one programming language is compiled and run inside its runner image.
 * Pure data: argv arrays (never shell strings) with placeholders that
 * `expandArgv` fills in — `{file}` (source file name), `{name}` (file name
 * without extension) and `{memoryMb}` (the test's memory limit).
 */
export interface LanguageSpec {
  id: LanguageId;
  /** Shown to people. */
  name: string;
  /** File extensions that select this language, lower-case, with the dot. */
  extensions: readonly string[];
  /** Folder under runner-images/ that builds this language's image. */
  image: string;
  /** The name the submission is saved as inside the sandbox. */
  sourceFile: string;
  /** Languages whose file name must follow the source (Java's public class). */
  sourceFileFor?: (source: string) => string;
  compile?: readonly string[];
  /**
   * The compile step only checks the source (Python's syntax check, `node
   * --check`) and needs no more memory than a run: it runs under the run's
   * cap, so the box keeps one cap for its whole life and is never updated.
   */
  compileWithinRunMemory?: boolean;
  run: readonly string[];
  /**
   * A warm interpreter that forks each test's process instead of starting
   * `run` (the runner's protocol 3): it must make that process behave as
   * `run` would. Saves an interpreter's start on every test.
   */
  warmRun?: readonly string[];
  env?: Readonly<Record<string, string>>;
  /** Memory the runtime itself needs on top of the test's limit (JVM). */
  memoryOverheadMb: number;
  /** Time limits are multiplied by this for slow-starting runtimes. */
  timeFactor: number;
  /** An exit status the runtime uses only when its heap is exhausted. */
  memoryLimitExitCode?: number;
  /** A tiny program that reads a name and greets it, used by self-tests. */
  hello: string;
}

export interface ArgvValues {
  file: string;
  memoryMb: number;
}

export function expandArgv(argv: readonly string[], values: ArgvValues): string[] {
  const name = values.file.replace(/\.[^.]+$/, '');
  return argv.map((arg) =>
    arg
      .replaceAll('{file}', values.file)
      .replaceAll('{name}', name)
      .replaceAll('{memoryMb}', String(values.memoryMb)),
  );
}
