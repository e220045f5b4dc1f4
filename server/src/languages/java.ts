import type { LanguageSpec } from './spec.ts';

// The file must be named after its public class; Kattis submissions are not
// always called Main. Comments are removed first so a commented-out class
// does not count.
const PUBLIC_CLASS =
  /(?:^|[\s;}])public\s+(?:(?:final|abstract|strictfp|sealed|non-sealed|static)\s+)*(?:class|record|enum|interface)\s+([A-Za-z_$][\w$]*)/;
const COMMENTS = /\/\*[\s\S]*?\*\/|\/\/[^\n]*/g;

/**
 * How a candidate's program runs on the JVM (Java, Kotlin): the heap is the
 * test's memory limit (the runtime's own memory comes on top, see
 * memoryOverheadMb), and an exhausted heap exits with 3 (memoryLimitExitCode).
 */
export const JVM_RUN_FLAGS = ['-Xmx{memoryMb}m', '-Xss64m', '-XX:+UseSerialGC', '-XX:-UsePerfData', '-XX:+ExitOnOutOfMemoryError'] as const;

export const java: LanguageSpec = {
  id: 'java',
  name: 'Java 17',
  extensions: ['.java'],
  image: 'java',
  sourceFile: 'Main.java',
  sourceFileFor: (source) => `${PUBLIC_CLASS.exec(source.replace(COMMENTS, ' '))?.[1] ?? 'Main'}.java`,
  // javac, then the class holding main found from the compiled classes and
  // named in the argfile the run passes to the launcher, so a program whose
  // main lives in a non-public or oddly named class runs as written
  // (runner-images/java/KodbroJavac.java).
  compile: ['java', '-XX:+UseSerialGC', '-XX:-UsePerfData', '-cp', '/usr/local/lib/kodbro', 'KodbroJavac', '{file}'],
  run: ['java', ...JVM_RUN_FLAGS, '@.kodbro-main'],
  memoryOverheadMb: 160,
  timeFactor: 2,
  // -XX:+ExitOnOutOfMemoryError exits with 3 when the heap is exhausted.
  memoryLimitExitCode: 3,
  hello:
    'import java.util.Scanner;\n\npublic class Main {\n  public static void main(String[] args) {\n    String name = new Scanner(System.in).nextLine().trim();\n    System.out.println("Hello, " + name + "!");\n  }\n}\n',
};
