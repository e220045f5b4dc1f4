import type { CheckerSpec } from '../challenges/index.ts';
import type { TestDifference } from '../contracts/index.ts';
import { asciiLower, normaliseLines, tokenMatches } from './checkers.ts';
import { sanitiseText } from './sanitise.ts';

/** How much of each differing line a recruiter sees: enough to read, never a whole 8 MB line. */
export const DIFFERENCE_EXCERPT_CHARS = 160;

/**
 * Where a rejected output first parts from the answer, for staff reading a
 * candidate's report: the line in each, cut to a readable excerpt around the
 * first differing token. It follows the checker's own rule (tokens with their
 * tolerance, or exact lines), so it points at what the checker rejected. It is
 * a reading aid only; the verdict came from the checker. A custom checker's
 * rule is unknown here, so its outputs are compared as plain lines.
 *
 * Bytes are read as latin1 like the checkers read them, so offsets are byte
 * offsets; each excerpt is decoded as UTF-8 for display, control characters
 * shown as escapes. Returns undefined when no difference can be named (a
 * custom checker that rejected an output identical to the answer).
 */
export function firstDifference(checker: CheckerSpec, output: Buffer, answer: Buffer): Omit<TestDifference, 'testId'> | undefined {
  const got = output.toString('latin1');
  const want = answer.toString('latin1');
  return checker.kind === 'tokens' ? tokenDifference(got, want, checker) : lineDifference(got, want, checker.kind === 'exact' ? checker.caseSensitive : true);
}

function tokenDifference(got: string, want: string, checker: Extract<CheckerSpec, { kind: 'tokens' }>): Omit<TestDifference, 'testId'> | undefined {
  const gotTokens = tokens(got);
  const wantTokens = tokens(want);
  const count = Math.min(gotTokens.length, wantTokens.length);
  let index = 0;
  while (index < count && tokenMatches(gotTokens[index]!.text, wantTokens[index]!.text, checker)) index++;
  if (index === count && gotTokens.length === wantTokens.length) return undefined;
  const g = gotTokens[index];
  const w = wantTokens[index];
  // Where one text ran out, the difference is on the line after the other's last matching token.
  const line = (w ?? g)!.line;
  return {
    line,
    expected: w ? excerpt(want, w.start) : null,
    got: g ? excerpt(got, g.start) : null,
  };
}

function lineDifference(got: string, want: string, caseSensitive: boolean): Omit<TestDifference, 'testId'> | undefined {
  const gotLines = normaliseLines(got);
  const wantLines = normaliseLines(want);
  const count = Math.max(gotLines.length, wantLines.length);
  for (let i = 0; i < count; i++) {
    const g = gotLines[i];
    const w = wantLines[i];
    if (g !== undefined && w !== undefined && (caseSensitive ? g === w : asciiLower(g) === asciiLower(w))) continue;
    const column = g !== undefined && w !== undefined ? firstUnequal(g, w, caseSensitive) : 0;
    return {
      line: i + 1,
      expected: w === undefined ? null : excerpt(w, column),
      got: g === undefined ? null : excerpt(g, column),
    };
  }
  return undefined;
}

/** Whitespace-separated tokens with their line (1-based) and offset: one pass, linear. */
function tokens(text: string): { text: string; line: number; start: number }[] {
  const found: { text: string; line: number; start: number }[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 10) {
      line++;
      i++;
    } else if (isSpace(ch)) i++;
    else {
      const start = i;
      while (i < text.length && !isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== 10) i++;
      found.push({ text: text.slice(start, i), line, start });
    }
  }
  return found;
}

/** The checkers' whitespace: space, \t, \r, \f, \v (and \n, counted apart as a line break). */
const isSpace = (ch: number) => ch === 32 || ch === 9 || ch === 13 || ch === 12 || ch === 11;

function firstUnequal(a: string, b: string, caseSensitive: boolean): number {
  const x = caseSensitive ? a : asciiLower(a);
  const y = caseSensitive ? b : asciiLower(b);
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i;
}

/**
 * The line holding `at` (an offset into `text`), cut to a window that starts a
 * little before `at`; "…" marks what was cut at either end.
 */
function excerpt(text: string, at: number): string {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const newline = text.indexOf('\n', at);
  const lineEnd = newline === -1 ? text.length : newline;
  const from = Math.max(lineStart, Math.min(at - 40, lineEnd - DIFFERENCE_EXCERPT_CHARS));
  const to = Math.min(lineEnd, from + DIFFERENCE_EXCERPT_CHARS);
  const shown = sanitiseText(Buffer.from(text.slice(from, to).replace(/\r$/, ''), 'latin1').toString('utf8'));
  return `${from > lineStart ? '…' : ''}${shown}${to < lineEnd ? '…' : ''}`;
}
