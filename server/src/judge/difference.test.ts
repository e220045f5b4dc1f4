import { describe, expect, it } from 'vitest';
import type { CheckerSpec } from '../challenges/index.ts';
import { DIFFERENCE_EXCERPT_CHARS, firstDifference } from './difference.ts';

const TOKENS = { kind: 'tokens', caseSensitive: true } as const;
const FLOATS = { kind: 'tokens', caseSensitive: true, float: { absolute: 1e-6, relative: 1e-6 } } as const;
const EXACT = { kind: 'exact', caseSensitive: true } as const;
const CUSTOM: CheckerSpec = { kind: 'custom', language: 'python', entry: 'check.py', files: [], args: [] };
const b = (text: string) => Buffer.from(text, 'utf8');

describe('firstDifference', () => {
  it('names the line of the first token the checker rejected, with both lines', () => {
    expect(firstDifference(TOKENS, b('1 2\n3 4\n5 6\n'), b('1 2\n3 5\n5 6\n'))).toEqual({ line: 2, expected: '3 5', got: '3 4' });
  });

  it('follows the checker: a float within tolerance is not the difference, the later one is', () => {
    expect(firstDifference(FLOATS, b('0.3333333\n2.5\n'), b('0.33333333\n2.75\n'))).toEqual({ line: 2, expected: '2.75', got: '2.5' });
  });

  it('says which text ended first', () => {
    expect(firstDifference(TOKENS, b('1\n2\n'), b('1\n2\n3\n'))).toEqual({ line: 3, expected: '3', got: null });
    expect(firstDifference(TOKENS, b('1\n2\n3\n'), b('1\n2\n'))).toEqual({ line: 3, expected: null, got: '3' });
    expect(firstDifference(EXACT, b(''), b('yes\n'))).toEqual({ line: 1, expected: 'yes', got: null });
  });

  it('compares whole lines for the exact checker and for custom checkers, trailing spaces and CRLF aside', () => {
    expect(firstDifference(EXACT, b('a b\r\nc  d\n'), b('a b\nc d\n'))).toEqual({ line: 2, expected: 'c d', got: 'c  d' });
    expect(firstDifference(CUSTOM, b('same\n'), b('same\n'))).toBeUndefined();
    expect(firstDifference({ kind: 'exact', caseSensitive: false }, b('YES\nNo\n'), b('yes\nyes\n'))).toEqual({ line: 2, expected: 'yes', got: 'No' });
  });

  it('cuts a long line to a window around the difference, marked at both ends', () => {
    const want = `${Array.from({ length: 5000 }, (_, i) => i).join(' ')}\n`;
    const got = want.replace(' 2500 ', ' 2501 ');
    const difference = firstDifference(TOKENS, b(got), b(want))!;
    expect(difference.line).toBe(1);
    expect(difference.expected).toMatch(/^….* 2500 .*…$/);
    expect(difference.got).toMatch(/^….* 2501 .*…$/);
    expect(difference.expected!.length).toBeLessThanOrEqual(DIFFERENCE_EXCERPT_CHARS + 2);
  });

  it('shows control characters and bidirectional overrides as escapes, and keeps UTF-8 readable', () => {
    expect(firstDifference(EXACT, b('\u202eevil\u001b[2J\n'), b('Åsa سلام\n'))).toEqual({ line: 1, expected: 'Åsa سلام', got: '\\u202eevil\\u001b[2J' });
  });

  it('stays linear on a large output: 8 MB in one line is answered quickly', () => {
    const huge = Buffer.alloc(8 * 1024 * 1024, 'x');
    const started = performance.now();
    const difference = firstDifference(TOKENS, huge, b('y\n'))!;
    expect(difference.got!.length).toBeLessThanOrEqual(DIFFERENCE_EXCERPT_CHARS + 2);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
