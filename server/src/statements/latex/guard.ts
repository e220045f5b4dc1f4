import { STATEMENT_CAPS } from '../caps.ts';

/*
 * The LaTeX parser (unified-latex, a PEG grammar) is neither fast nor linear
 * on hostile input: measured here, ~10 µs per character on ordinary text,
 * quadratic on unclosed groups and optional arguments, and a stack overflow
 * past a few thousand nested groups or environments. So it only ever sees
 * sources this one linear pass accepts: bounded in size, with balanced and
 * shallow braces, environments and math. A statement that compiles with
 * LaTeX passes; anything else is shown to candidates as its source.
 */

/** Why `tex` is not given to the parser, or undefined when it may be. */
export function latexParseRefusal(tex: string): string | undefined {
  if (tex.length > STATEMENT_CAPS.maxLatexChars) return `is longer than ${STATEMENT_CAPS.maxLatexChars / 1024} KB`;
  const scan = scanStructure(tex);
  if (scan.error) return scan.error;
  if (scan.maxBraces > STATEMENT_CAPS.maxLatexGroupDepth) return `nests {…} groups more than ${STATEMENT_CAPS.maxLatexGroupDepth} deep`;
  if (scan.maxEnvironments > STATEMENT_CAPS.maxLatexEnvironmentDepth) return `nests environments more than ${STATEMENT_CAPS.maxLatexEnvironmentDepth} deep`;
  return undefined;
}

const VERBATIM = /^\\begin\{(verbatim|lstlisting|comment)\}/;

interface Scan {
  maxBraces: number;
  maxEnvironments: number;
  error?: string;
}

/** One pass over the source: escapes, comments and verbatim skipped; groups, environments and math counted. */
function scanStructure(tex: string): Scan {
  const scan: Scan = { maxBraces: 0, maxEnvironments: 0 };
  let braces = 0;
  let environments = 0;
  /** The math delimiter that is open, if any: `$`, `$$`, `\(` or `\[`. */
  let math = '';
  for (let i = 0; i < tex.length; i++) {
    const c = tex[i];
    if (c === '%') {
      const end = tex.indexOf('\n', i);
      i = end < 0 ? tex.length : end;
    } else if (c === '\\') {
      const next = tex[i + 1] ?? '';
      if (next === 'v' && tex.startsWith('\\verb', i) && !/[A-Za-z]/.test(tex[i + 5] ?? '')) {
        // \verb|…| ends at the next delimiter on the same line.
        const start = tex[i + 5] === '*' ? i + 6 : i + 5;
        const delimiter = tex[start] ?? '';
        const end = tex.indexOf(delimiter, start + 1);
        const newline = tex.indexOf('\n', start + 1);
        if (!delimiter || end < 0 || (newline >= 0 && newline < end)) return { ...scan, error: 'has a \\verb without its end' };
        i = end;
      } else if (next === 'b' && tex.startsWith('\\begin{', i)) {
        const verbatim = VERBATIM.exec(tex.slice(i, i + 30));
        if (verbatim) {
          const end = tex.indexOf(`\\end{${verbatim[1]}}`, i);
          if (end < 0) return { ...scan, error: `has a ${verbatim[1]} environment without its \\end` };
          i = end + verbatim[1]!.length + 5;
        } else {
          environments += 1;
          scan.maxEnvironments = Math.max(scan.maxEnvironments, environments);
          i = nameEnd(tex, i);
        }
      } else if (next === 'e' && tex.startsWith('\\end{', i)) {
        if (--environments < 0) return { ...scan, error: 'has an \\end without its \\begin' };
        i = nameEnd(tex, i);
      } else if (next === '(' || next === '[') {
        if (math) return { ...scan, error: `opens \\${next} inside math` };
        math = `\\${next}`;
        i += 1;
      } else if (next === ')' || next === ']') {
        if (math !== (next === ')' ? '\\(' : '\\[')) return { ...scan, error: `has \\${next} without its opening` };
        math = '';
        i += 1;
      } else {
        i += 1; // \{ \} \$ \% \\ … are characters, not structure.
      }
    } else if (c === '{') {
      braces += 1;
      scan.maxBraces = Math.max(scan.maxBraces, braces);
    } else if (c === '}') {
      if (--braces < 0) return { ...scan, error: 'has a } without its {' };
    } else if (c === '$') {
      const double = tex[i + 1] === '$';
      const mark = double ? '$$' : '$';
      if (!math) math = mark;
      else if (math === mark) math = '';
      else return { ...scan, error: `mixes ${math} and ${mark} math` };
      if (double) i += 1;
    }
  }
  if (braces !== 0) return { ...scan, error: 'has a { without its }' };
  if (environments !== 0) return { ...scan, error: 'has a \\begin without its \\end' };
  if (math) return { ...scan, error: `has ${math} math without its end` };
  return scan;
}

/** The `}` that ends `\\begin{name}` or `\\end{name}` at `i` (its braces are syntax, not a group). */
function nameEnd(tex: string, i: number): number {
  const end = tex.indexOf('}', i);
  const newline = tex.indexOf('\n', i);
  return end < 0 || (newline >= 0 && newline < end) ? i : end;
}
