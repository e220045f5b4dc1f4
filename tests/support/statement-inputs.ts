/**
 * Hostile and ordinary statements of a chosen size, shared by the statement
 * unit tests (server/src/statements/adversarial.test.ts) and the benchmark
 * (tests/bench/statements.bench.ts). Each generator fills `bytes` characters.
 */

const fill = (unit: string, bytes: number) => unit.repeat(Math.max(1, Math.floor(bytes / unit.length)));

/** Hostile LaTeX sources: the shapes that made the old regex converter, or the parser, slow or crash. */
export const HOSTILE_LATEX: Record<string, (bytes: number) => string> = {
  'unbalanced \\section{': (n) => fill('\\section{', n),
  'unbalanced {': (n) => fill('{', n),
  'deep {…}': (n) => fill('{', n / 2) + fill('}', n / 2),
  '$ soup': (n) => fill('$a$ $$ \\( $ \\] ', n),
  '\\begin{itemize} without \\end': (n) => fill('\\begin{itemize}\\item x ', n),
  '\\section[ without ]': (n) => fill('\\section[', n),
  '$$ only': (n) => fill('$$', n),
};

/** LaTeX the guard lets through (balanced, shallow) but that is hard on a PEG parser. */
export const BALANCED_LATEX: Record<string, (bytes: number) => string> = {
  'ordinary text': (n) => fill('Some words and \\emph{more} words, $x_i \\le 10^6$ -- ``quoted\'\'.\n\n', n),
  '[ after commands': (n) => fill('\\section[a] x [', n),
  'empty groups': (n) => fill('{}', n),
  'inline math': (n) => fill('$a$ ', n),
  'list items': (n) => `\\begin{itemize}${fill('\\item x ', n - 30)}\\end{itemize}`,
};

/** Hostile Markdown: CommonMark's pathological shapes, and math. */
export const HOSTILE_MARKDOWN: Record<string, (bytes: number) => string> = {
  'nested emphasis *_*_': (n) => fill('*_', n),
  'emphasis runs *a_': (n) => fill('*a_', n),
  'brackets [[[[': (n) => fill('[', n),
  'image brackets ![[': (n) => fill('![[', n),
  'deep quotes >>>>': (n) => fill('>', n),
  'lazy lines in a deep quote': (n) => `${'>'.repeat(1000)} a\n${fill('b\n', n - 1003)}`,
  '$$ only': (n) => fill('$$', n),
  'inline $ soup': (n) => fill('$a\\$', n),
  'wide table, many rows': (n) => `|${'a|'.repeat(1000)}\n|${'-|'.repeat(1000)}\n${fill('|\n', n - 4004)}`,
  'backtick runs': (n) => fill('` ``', n),
  'ordinary text': (n) => fill('Some *words* and **more** `code` words, $x_i$ [link](https://a.example).\n\n', n),
};
