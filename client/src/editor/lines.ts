/**
 * Which lines of the candidate's code a compiler or runtime message names, so
 * the page can link them to the editor (`revealLine`). Pure, bounded and
 * linear: it reads at most the first 64 KB, 2,000 lines of 1,000 characters.
 *
 * Recognised, as Kodbro's runner images print them (the code is the one file
 * `main.py`, `main.js`, `Main.java` (or the public class's name), `main.c`,
 * `main.cpp`, `main.go`, `main.cs`, `main.kt`, `main.rs`, `main.rb`,
 * `main.php`, `main.ts` or `main.hs`, in `/box`):
 * - `File "main.py", line 2` and `(main.py, line 2)` (Python);
 * - `/box/main.js:2` and `at f (/box/main.js:2:3)` (Node.js; TypeScript's
 *   stacks name `/box/main.ts:2:3` through its source map);
 * - `Main.java:7: error:` and `at Main.f(Main.java:4)` (Java), `main.kt:3:22:
 *   error:` and `at MainKt.main(main.kt:5)` (Kotlin);
 * - `main.c:3:5: error:`, `main.cpp:3:5:` (GCC);
 * - `./main.go:6:14:` and `/box/main.go:8 +0x1a` (Go);
 * - `main.cs(8,5): error CS1002` (Mono), `main.ts(4,7): error TS2322` (tsc);
 * - ` --> main.rs:2:22` and `panicked at '…', main.rs:10:20` (Rust);
 * - `main.rb:4: syntax error` and `from main.rb:3:in` (Ruby);
 * - `main.hs:3:18: error:` (GHC);
 * - `in /box/main.php:4` and `#0 /box/main.php(4): intdiv()` (PHP);
 * - a plain `line 2` (`… on line 1 (main.py, line 2)`, PHP's `… in main.php on line 3`).
 * Frames and notes in other files are not the candidate's lines and are left
 * out: the language's own library (`/usr/lib/python3.11/json/decoder.py`,
 * `/usr/include/c++/12/bits/stl_vector.h:1276:7`, `java.base/…(ArrayList.java:427)`,
 * `node:internal/…:1364:14`), and the `In file included from main.cpp:1`
 * chain. `line 1 column 2` describes a position in input data (Python's JSON
 * errors), not in the code.
 *
 * @example linesMentioned('main.cpp:6:14: error: …\nmain.cpp:7:10: error: …') // [6, 7]
 */
export function linesMentioned(text: string): number[] {
  const found = new Set<number>();
  for (const line of text.slice(0, MAX_TEXT).split('\n', MAX_LINES)) {
    for (const n of lineNumbersIn(line.slice(0, MAX_LINE_LENGTH))) {
      found.add(n);
      if (found.size >= MAX_RESULTS) return [...found];
    }
  }
  return [...found];
}

const MAX_TEXT = 64 * 1024;
const MAX_LINES = 2000;
const MAX_LINE_LENGTH = 1000;
const MAX_RESULTS = 100;

const SOURCE_EXTENSIONS = 'py|js|cjs|mjs|java|c|h|cc|cpp|cxx|c\\+\\+|hpp|go|cs|kt|rs|rb|php|ts|hs';
/**
 * A source file named where the candidate's code lives (no folder, `./` or
 * `/box/`), and the line after it: `:2`, `", line 2`, or in brackets, `(2)`
 * or `(2,5)` (Mono, tsc, PHP's stack). Paths start a word (after a space, a
 * bracket or a quote), so `/usr/include/x.h` cannot match from its `x.h`,
 * and every pattern tries each word once: linear time.
 */
const OWN_FILE_LINE = new RegExp(
  `(?<![^\\s("])(?:\\/box\\/|\\.\\/)?[\\w+-]+(?:\\.[\\w+-]+)*\\.(?:${SOURCE_EXTENSIONS})(?::(\\d+)|"?, line (\\d+)|\\((\\d+)(?:,\\d+)?\\))`,
  'g',
);
/** Any file with a line number, to blank out before looking for a plain `line N`. */
const ANY_FILE_LINE = /"[^"]*", line \d+|(?<![^\s(])[^\s("]+, line \d+|(?<![^\s(])[^\s(]+:\d+(?::\d+)?/g;
const PLAIN_LINE = /\bline (\d+)\b(?! column)/g;
/** GCC's include chain: where a header was included from, not where the error is. */
const INCLUDE_CHAIN = /^(?:In file included from |\s+from )/;
/** A Java frame in a JDK module (`at java.base/java.util.ArrayList.get(ArrayList.java:427)`). */
const JDK_FRAME = /^\s*at [\w.$]+\/[^(]*\(/;

function lineNumbersIn(line: string): number[] {
  if (INCLUDE_CHAIN.test(line) || JDK_FRAME.test(line)) return [];
  const hits: { at: number; n: number }[] = [];
  for (const match of line.matchAll(OWN_FILE_LINE)) hits.push({ at: match.index, n: Number(match[1] ?? match[2] ?? match[3]) });
  const rest = line.replace(ANY_FILE_LINE, (file) => ' '.repeat(file.length));
  for (const match of rest.matchAll(PLAIN_LINE)) hits.push({ at: match.index, n: Number(match[1]) });
  return hits
    .sort((a, b) => a.at - b.at)
    .map((hit) => hit.n)
    .filter((n) => Number.isSafeInteger(n) && n > 0);
}
