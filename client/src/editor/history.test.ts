import { describe, expect, it } from 'vitest';
import { textChange, undoHistory } from './history.ts';

describe('textChange', () => {
  it('is the one range that differs', () => {
    expect(textChange('abcdef', 'abXYef')).toEqual({ from: 2, to: 4, insert: 'XY' });
    expect(textChange('abc', 'abc')).toEqual({ from: 3, to: 3, insert: '' });
    expect(textChange('', 'x')).toEqual({ from: 0, to: 0, insert: 'x' });
    expect(textChange('aaa', 'aaaa')).toEqual({ from: 3, to: 3, insert: 'a' });
    expect(textChange('aaaa', 'aa')).toEqual({ from: 2, to: 4, insert: '' });
  });

  it('turns the one text into the other', () => {
    for (const [before, after] of [
      ['def f():\n    pass\n', 'def f(x):\n    return x\n'],
      ['', ''],
      ['abab', 'ab'],
      ['x', ''],
    ] as const) {
      const change = textChange(before, after);
      expect(before.slice(0, change.from) + change.insert + before.slice(change.to)).toBe(after);
    }
  });
});

/** Types `text` one character at a time into `start`, `gap` ms apart, from time `t`. */
function type(history: ReturnType<typeof undoHistory>, start: string, text: string, t: number, gap = 100): string {
  let value = start;
  for (const [i, ch] of [...text].entries()) {
    const next = value + ch;
    history.record(value, next, t + i * gap);
    value = next;
  }
  return value;
}

describe('undoHistory', () => {
  it('groups a run of typing into one step, and a pause starts the next', () => {
    const history = undoHistory();
    let text = type(history, '', 'print', 0);
    text = type(history, text, '(1)', 5000);
    expect(history.steps()).toEqual(['', 'print']);
    expect(text).toBe('print(1)');
  });

  it('starts a step at a line break, a paste, or typing somewhere else', () => {
    const history = undoHistory();
    let text = type(history, '', 'a', 0);
    text = type(history, text, '\n', 50);
    text = type(history, text, 'b', 100);
    history.record(text, text + 'PASTED', 150);
    history.record(text + 'PASTED', 'X' + text + 'PASTED', 200);
    // The line break starts a step; what is typed on the new line joins it.
    expect(history.steps()).toEqual(['', 'a', 'a\nb', 'a\nbPASTED']);
  });

  it('keeps Backspace after typing in the same step', () => {
    const history = undoHistory();
    const text = type(history, '', 'abc', 0);
    history.record(text, 'ab', 400);
    history.record('ab', 'a', 500);
    history.record('a', 'aZ', 600);
    expect(history.steps()).toEqual(['']);
  });

  it('is bounded in steps and in characters, forgetting the oldest', () => {
    const history = undoHistory({ maxSteps: 3, maxChars: 100 });
    let text = '';
    for (let i = 0; i < 10; i++) text = type(history, text, String(i), i * 10_000);
    expect(history.steps()).toEqual(['0123456', '01234567', '012345678']);
    const big = undoHistory({ maxSteps: 100, maxChars: 100 });
    let long = '';
    for (let i = 0; i < 10; i++) {
      const next = long + 'x'.repeat(10);
      big.record(long, next, i * 10_000);
      long = next;
    }
    expect(big.steps()).toEqual(['x'.repeat(90)]);
    // One text longer than the bound is not kept at all.
    big.record(long, 'y'.repeat(150), 200_000);
    big.record('y'.repeat(150), 'z', 300_000);
    expect(big.steps()).toEqual([]);
  });

  it('forgets everything on reset', () => {
    const history = undoHistory();
    type(history, '', 'abc', 0);
    history.reset();
    expect(history.steps()).toEqual([]);
  });
});
