import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdit, diffText } from './edits.ts';

/** Text with the characters that break naive code: surrogate pairs, combining marks, right-to-left letters, newlines. */
/** No lone surrogate: in a `u` pattern a pair is one code point, a lone half is category Cs. */
const wellFormed = (value: string) => !/\p{Cs}/u.test(value);
const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', 'é', '\u0301', 'ب', '😀', '𝔸', '\t'), maxLength: 60 });

describe('diffText', () => {
  it('keeps the common prefix and suffix and replaces one span', () => {
    expect(diffText('print(1)', 'print(42)')).toEqual({ at: 6, remove: 1, insert: '42' });
    expect(diffText('abc', 'abc')).toEqual({ at: 3, remove: 0, insert: '' });
    expect(diffText('', 'new')).toEqual({ at: 0, remove: 0, insert: 'new' });
    expect(diffText('gone', '')).toEqual({ at: 0, remove: 4, insert: '' });
    // A repeated letter: the span is where the texts differ, wherever the overlap is counted.
    expect(applyEdit('aaa', diffText('aaa', 'aaaa'))).toBe('aaaa');
  });

  it('never splits a surrogate pair, so the inserted text is well-formed', () => {
    // 😀 (D83D DE00) and 😃 (D83D DE03) share their first half.
    const edit = diffText('x😀y', 'x😃y');
    expect(edit).toEqual({ at: 1, remove: 2, insert: '😃' });
    expect(wellFormed(edit.insert)).toBe(true);
    // 𝔸 (D835 DD38) and 𝕸 (D835 DD78): same high half, as a suffix neighbour too.
    expect(diffText('𝔸𝔸', '𝕸𝔸').insert).toBe('𝕸');
  });

  it('turns any text into any other exactly, with a well-formed insert', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const edit = diffText(before, after);
        expect(applyEdit(before, edit)).toBe(after);
        expect(wellFormed(edit.insert)).toBe(true);
        expect(edit.insert.length).toBeLessThanOrEqual(after.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('is linear: two 256 KB texts differing in the middle take milliseconds', () => {
    const before = 'x'.repeat(128 * 1024) + 'a' + 'y'.repeat(128 * 1024);
    const after = 'x'.repeat(128 * 1024) + 'b' + 'y'.repeat(128 * 1024);
    const started = performance.now();
    expect(diffText(before, after)).toEqual({ at: 128 * 1024, remove: 1, insert: 'b' });
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('applyEdit', () => {
  it('refuses an edit that does not fit the text instead of guessing', () => {
    expect(() => applyEdit('abc', { at: 2, remove: 5, insert: '' })).toThrow(RangeError);
  });
});
