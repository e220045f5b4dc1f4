/**
 * Expected and actual output of a sample, line by line, for reading: which
 * lines differ and where the first difference is. Lines are compared the way
 * the default checker compares tokens — runs of spaces and tabs, and space at
 * the ends of a line, do not matter — and a missing last newline does not
 * either. Line by line rather than a minimal edit script: a program's output
 * is read against the expected one row for row ("line 3 should say 7").
 */

export interface DiffRow {
  /** 1-based line number. */
  line: number;
  expected: string | undefined;
  actual: string | undefined;
  same: boolean;
}

export interface OutputDiff {
  rows: DiffRow[];
  /** The first differing line (1-based), or null when the outputs match. */
  firstDifference: number | null;
  /** Rows left out after `maxRows` (the first difference is always among the rows shown). */
  hiddenRows: number;
}

export function diffOutputs(expected: string, actual: string, maxRows = 200): OutputDiff {
  const want = splitLines(expected);
  const got = splitLines(actual);
  const total = Math.max(want.length, got.length);
  let firstDifference: number | null = null;
  for (let i = 0; i < total; i++) {
    if (!sameLine(want[i], got[i])) {
      firstDifference = i + 1;
      break;
    }
  }
  // Show from a little before the first difference when the outputs are long.
  const from = firstDifference !== null && firstDifference > maxRows ? Math.max(0, firstDifference - 1 - Math.floor(maxRows / 4)) : 0;
  const to = Math.min(total, from + maxRows);
  const rows: DiffRow[] = [];
  for (let i = from; i < to; i++) rows.push({ line: i + 1, expected: want[i], actual: got[i], same: sameLine(want[i], got[i]) });
  return { rows, firstDifference, hiddenRows: total - rows.length };
}

function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop();
  return lines;
}

function sameLine(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return tokens(a) === tokens(b);
}

const tokens = (line: string) => line.trim().split(/[ \t]+/).join(' ');
