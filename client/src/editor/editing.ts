/**
 * The light editor's key handling as pure functions of text and selection,
 * so it is tested without a browser. Each returns an `Edit`: one range of the
 * old text replaced by new text, and the selection afterwards. The textarea
 * applies it as a single browser edit, so one Ctrl+Z undoes one key press.
 */

/** Text and the selection in it (offsets; `start <= end`). */
export interface TextState {
  text: string;
  start: number;
  end: number;
}

export interface Edit {
  /** Replace `text.slice(from, to)`… */
  from: number;
  to: number;
  /** …by this. */
  insert: string;
  /** The selection after the edit, in the new text. */
  selectionStart: number;
  selectionEnd: number;
}

/** Four spaces: what every Kodbro language's style guide uses, and what Monaco is set to. */
export const INDENT_UNIT = 4;

/** The text and selection after an edit. */
export function applyEdit(text: string, edit: Edit): TextState {
  return { text: text.slice(0, edit.from) + edit.insert + text.slice(edit.to), start: edit.selectionStart, end: edit.selectionEnd };
}

/**
 * Tab. Within one line: spaces up to the next multiple of four columns,
 * replacing any selection. Across lines: every line the selection touches is
 * indented by four spaces (blank lines stay empty), and the selection grows
 * with them.
 */
export function indent({ text, start, end }: TextState): Edit {
  if (!text.slice(start, end).includes('\n')) {
    const column = start - lineStartOf(text, start);
    const spaces = ' '.repeat(INDENT_UNIT - (column % INDENT_UNIT));
    const caret = start + spaces.length;
    return { from: start, to: end, insert: spaces, selectionStart: caret, selectionEnd: caret };
  }
  return changeLines(text, start, end, (line) => (line.trim() === '' ? 0 : -INDENT_UNIT));
}

/**
 * Shift+Tab: every line the selection (or the caret) touches loses up to four
 * leading spaces, or one leading tab. Returns null when there is nothing to
 * remove, so the key does nothing rather than adding an empty undo step.
 */
export function unindent({ text, start, end }: TextState): Edit | null {
  const edit = changeLines(text, start, end, (line) => {
    if (line.startsWith('\t')) return 1;
    return /^ {0,4}/.exec(line)?.[0].length ?? 0;
  });
  return edit.insert === text.slice(edit.from, edit.to) ? null : edit;
}

/**
 * Enter: a new line with the current line's indentation (the whitespace
 * before the caret), which saves much typing on a phone. Null when the line
 * is not indented: the browser's own Enter is then just as good.
 */
export function newlineKeepingIndent({ text, start, end }: TextState): Edit | null {
  const lineStart = lineStartOf(text, start);
  const indentation = /^[ \t]*/.exec(text.slice(lineStart, start))?.[0] ?? '';
  if (!indentation) return null;
  const insert = '\n' + indentation;
  const caret = start + insert.length;
  return { from: start, to: end, insert, selectionStart: caret, selectionEnd: caret };
}

/** Offsets of line `line` (1-based, clamped to the text's lines), without its line break. */
export function lineRange(text: string, line: number): { start: number; end: number } {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', start);
    if (next < 0) break;
    start = next + 1;
  }
  const lineEnd = text.indexOf('\n', start);
  return { start, end: lineEnd < 0 ? text.length : lineEnd };
}

/** Number of lines, as the line numbers beside the editor count them. */
export function lineCount(text: string): number {
  let count = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * Adds or removes leading characters on each line the selection touches. A
 * selection that ends at the very start of a line does not touch that line
 * (selecting whole lines by dragging down ends there). `change(line)`: a
 * positive n removes n leading characters, a negative n adds -n spaces.
 */
function changeLines(text: string, start: number, end: number, change: (line: string) => number): Edit {
  const from = lineStartOf(text, start);
  const lastOffset = end > start && lineStartOf(text, end) === end ? end - 1 : end;
  const nextBreak = text.indexOf('\n', lastOffset);
  const to = nextBreak < 0 ? text.length : nextBreak;

  // Offsets are moved line by line: after a line is changed, every offset at
  // or after its start (in the text as changed so far) moves with it.
  let selectionStart = start;
  let selectionEnd = end;
  let lineAt = from;
  const shift = (offset: number, n: number, keepAtLineStart: boolean) => {
    if (offset < lineAt) return offset;
    if (n < 0) return offset === lineAt && keepAtLineStart ? offset : offset - n;
    return offset - Math.min(n, offset - lineAt);
  };
  const changed = text
    .slice(from, to)
    .split('\n')
    .map((line) => {
      const n = change(line);
      // A selection starting at a line's start keeps the whole line selected.
      selectionStart = shift(selectionStart, n, true);
      selectionEnd = shift(selectionEnd, n, start === end);
      const result = n < 0 ? ' '.repeat(-n) + line : line.slice(n);
      lineAt += result.length + 1;
      return result;
    });
  return { from, to, insert: changed.join('\n'), selectionStart, selectionEnd };
}
