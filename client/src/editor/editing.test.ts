import { describe, expect, it } from 'vitest';
import { applyEdit, indent, lineCount, lineRange, newlineKeepingIndent, unindent, type Edit, type TextState } from './editing.ts';

// Text with the selection drawn in: `[` and `]` around a selection, `|` for a caret.
function state(drawn: string): TextState {
  const caret = drawn.indexOf('|');
  if (caret >= 0) return { text: drawn.replace('|', ''), start: caret, end: caret };
  const start = drawn.indexOf('[');
  const end = drawn.indexOf(']') - 1;
  return { text: drawn.replace('[', '').replace(']', ''), start, end };
}
function drawn({ text, start, end }: TextState): string {
  if (start === end) return text.slice(0, start) + '|' + text.slice(start);
  return text.slice(0, start) + '[' + text.slice(start, end) + ']' + text.slice(end);
}
const after = (drawnBefore: string, key: (s: TextState) => Edit | null) => {
  const before = state(drawnBefore);
  const edit = key(before);
  return edit ? drawn(applyEdit(before.text, edit)) : null;
};

describe('Tab', () => {
  it('inserts spaces up to the next multiple of four columns at the caret', () => {
    expect(after('|x', indent)).toBe('    |x');
    expect(after('ab|c', indent)).toBe('ab  |c');
    expect(after('def f():\n    |', indent)).toBe('def f():\n        |');
  });

  it('replaces a selection within one line', () => {
    expect(after('a[bc]d', indent)).toBe('a   |d');
  });

  it('indents every line a selection touches, keeping them selected; blank lines stay empty', () => {
    expect(after('[a\nb\n\nc]', indent)).toBe('[    a\n    b\n\n    c]');
    expect(after('x = 1\nif [y:\n  z]\nw', indent)).toBe('x = 1\n    if [y:\n      z]\nw');
  });

  it('does not indent the line where a selection of whole lines ends', () => {
    expect(after('[a\nb\n]c', indent)).toBe('[    a\n    b\n]c');
  });

  it('is one replacement of the touched lines, so one undo step', () => {
    const before = state('keep\n[a\nb]\nkeep');
    expect(indent(before)).toEqual({ from: 5, to: 8, insert: '    a\n    b', selectionStart: 5, selectionEnd: 16 });
  });
});

describe('Shift+Tab', () => {
  it('removes up to four leading spaces from the caret\'s line, wherever the caret is', () => {
    expect(after('        x|y', unindent)).toBe('    x|y');
    expect(after('  x|', unindent)).toBe('x|');
    expect(after('      |x', unindent)).toBe('  |x');
    expect(after('  | x', unindent)).toBe('|x');
  });

  it('removes one leading tab', () => {
    expect(after('\t\tx|', unindent)).toBe('\tx|');
  });

  it('un-indents every line a selection touches', () => {
    expect(after('[    a\n  b\nc\n        d]', unindent)).toBe('[a\nb\nc\n    d]');
    expect(after('    a[b\n    c]d\n    e', unindent)).toBe('a[b\nc]d\n    e');
  });

  it('does nothing (no empty undo step) when no line is indented', () => {
    expect(unindent(state('a|b\nc'))).toBeNull();
    expect(unindent(state('[a\nb]'))).toBeNull();
  });

  it('undoes Tab on a selection of lines', () => {
    const before = state('[if x:\n    y\nz]');
    const indented = applyEdit(before.text, indent(before));
    const back = applyEdit(indented.text, unindent(indented)!);
    expect(back).toEqual(before);
  });
});

describe('Enter', () => {
  it('keeps the indentation before the caret', () => {
    expect(after('    x = 1|', newlineKeepingIndent)).toBe('    x = 1\n    |');
    expect(after('\tfoo();|', newlineKeepingIndent)).toBe('\tfoo();\n\t|');
    expect(after('  ab[cd]ef', newlineKeepingIndent)).toBe('  ab\n  |ef');
  });

  it('leaves unindented lines to the browser', () => {
    expect(newlineKeepingIndent(state('x = 1|'))).toBeNull();
    expect(newlineKeepingIndent(state('|    x'))).toBeNull();
  });
});

describe('lines', () => {
  it('finds a line\'s offsets, clamped to the text', () => {
    const text = 'a\nbb\n\nccc';
    expect(lineRange(text, 1)).toEqual({ start: 0, end: 1 });
    expect(lineRange(text, 2)).toEqual({ start: 2, end: 4 });
    expect(lineRange(text, 3)).toEqual({ start: 5, end: 5 });
    expect(lineRange(text, 4)).toEqual({ start: 6, end: 9 });
    expect(lineRange(text, 99)).toEqual({ start: 6, end: 9 });
    expect(lineRange(text, 0)).toEqual({ start: 0, end: 1 });
  });

  it('counts lines as the gutter numbers them', () => {
    expect(lineCount('')).toBe(1);
    expect(lineCount('a\n')).toBe(2);
    expect(lineCount('a\nb\nc')).toBe(3);
  });
});
