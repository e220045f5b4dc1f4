import { JVM_RUN_FLAGS } from './java.ts';
import type { LanguageSpec } from './spec.ts';

const LIB = '/usr/share/kotlin/kotlinc/lib';
/**
 * The compiler's own classpath, as its jar's manifest names it. Listed here
 * because the JVM resolves a manifest's Class-Path from the jar's real path
 * (/usr/share/java), where Debian keeps trove under another name. The runner
 * image's class-data archive was made with exactly this classpath.
 */
export const KOTLINC_CLASSPATH = ['kotlin-compiler', 'trove4j', 'kotlin-stdlib', 'kotlin-reflect', 'kotlin-script-runtime', 'annotations-13.0']
  .map((jar) => `${LIB}/${jar}.jar`)
  .join(':');

export const kotlin: LanguageSpec = {
  id: 'kotlin',
  name: 'Kotlin (JVM)',
  extensions: ['.kt'],
  image: 'kotlin',
  // A top-level `fun main` in main.kt becomes the class MainKt.
  sourceFile: 'main.kt',
  // The compiler straight on the JVM, as Debian's kotlinc script would run it
  // but without the shell: the class-data archive made when the image was
  // built (runner-images/kotlin/Dockerfile) and the client compiler only
  // (TieredStopAtLevel=1) make a small program compile in about 2 s rather
  // than 4.6 s. The heap follows the box's compile cap.
  compile: [
    'java',
    '-XX:SharedArchiveFile=/usr/share/kotlin/kotlinc.jsa',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-XX:MaxRAMPercentage=70',
    '-XX:-UsePerfData',
    '-cp',
    KOTLINC_CLASSPATH,
    'org.jetbrains.kotlin.cli.jvm.K2JVMCompiler',
    '-kotlin-home',
    '/usr/share/kotlin/kotlinc',
    '-no-reflect',
    '-d',
    '.',
    '{file}',
  ],
  // The same JVM flags as Java's (java.ts): the heap is the test's limit, the
  // runtime's own memory comes on top of it.
  run: [
    'java',
    ...JVM_RUN_FLAGS,
    '-cp',
    '/usr/share/java/kotlin-stdlib.jar:.',
    'MainKt',
  ],
  memoryOverheadMb: 160,
  timeFactor: 2,
  // -XX:+ExitOnOutOfMemoryError exits with 3 when the heap is exhausted.
  memoryLimitExitCode: 3,
  hello: 'fun main() {\n    val name = readLine()!!.trim()\n    println("Hello, $name!")\n}\n',
};
