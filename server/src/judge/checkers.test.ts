import { describe, expect, it } from 'vitest';
import { checkOutput, tokenize, withinTolerance } from './checkers.ts';

const b = (text: string) => Buffer.from(text, 'latin1');
const check = (spec: Parameters<typeof checkOutput>[0], out: string, ans: string) => checkOutput(spec, b(out), b(ans)).accepted;

describe('tokens checker', () => {
  const spec = { kind: 'tokens', caseSensitive: true } as const;

  it('treats any run of whitespace as equal', () => {
    expect(check(spec, '1  2\t3\r\n\n4', '1 2 3 4\n')).toBe(true);
    expect(check(spec, '   1 2', '1 2')).toBe(true);
    expect(check(spec, '', '')).toBe(true);
    expect(check(spec, '\n\n', '')).toBe(true);
  });

  it('rejects different, missing and extra tokens, and says where', () => {
    expect(checkOutput(spec, b('1 3'), b('1 2')).reason).toMatch(/token 2: expected "2", got "3"/);
    expect(checkOutput(spec, b('1'), b('1 2')).reason).toMatch(/expected 2 tokens, got 1/);
    expect(check(spec, '1 2 3', '1 2')).toBe(false);
    expect(check(spec, '', '0')).toBe(false);
  });

  it('is case-sensitive, and does not read numbers as numbers', () => {
    expect(check(spec, 'Yes', 'yes')).toBe(false);
    expect(check(spec, '1.0', '1')).toBe(false);
    expect(check(spec, '01', '1')).toBe(false);
  });

  it('compares bytes: invalid UTF-8 never matches valid text', () => {
    expect(checkOutput(spec, Buffer.from([0xc3, 0x28]), Buffer.from('\ufffd(', 'utf8')).accepted).toBe(false);
    expect(checkOutput(spec, Buffer.from('é', 'utf8'), Buffer.from('é', 'utf8')).accepted).toBe(true);
  });
});

describe('case-insensitive checker', () => {
  const spec = { kind: 'tokens', caseSensitive: false } as const;
  it('ignores ASCII letter case only', () => {
    expect(check(spec, 'YES no', 'yes NO')).toBe(true);
    expect(check(spec, 'yes', 'yes!')).toBe(false);
  });
});

describe('float checker', () => {
  const spec = { kind: 'tokens', caseSensitive: true, float: { absolute: 1e-6, relative: 1e-6 } } as const;

  it('accepts numbers within the absolute or the relative tolerance', () => {
    expect(check(spec, '0.3333333', '0.333333333')).toBe(true);
    expect(check(spec, '1000000.5', '1000000')).toBe(true); // relative 5e-7
    expect(check(spec, '1.00001', '1')).toBe(false);
    expect(check(spec, '1e-7', '0')).toBe(true);
    expect(check(spec, '-0.0000001', '0.0000001')).toBe(true);
  });

  it('requires a number where the answer has one, and compares other tokens exactly', () => {
    expect(check(spec, 'abc', '1.5')).toBe(false);
    expect(check(spec, 'nan', '1.5')).toBe(false);
    expect(check(spec, 'inf', 'inf')).toBe(true);
    expect(check(spec, 'Inf', 'inf')).toBe(false);
    expect(check(spec, 'room 2.0000001', 'room 2')).toBe(true);
    expect(check(spec, 'Room 2', 'room 2')).toBe(false);
  });

  it('honours case-insensitivity for text tokens', () => {
    expect(check({ ...spec, caseSensitive: false }, 'ROOM 2.0000001', 'room 2')).toBe(true);
  });

  it('withinTolerance handles non-finite values', () => {
    expect(withinTolerance(Number.POSITIVE_INFINITY, 1, 1, 1)).toBe(false);
    expect(withinTolerance(Number.NaN, Number.NaN, 1, 1)).toBe(false);
    expect(withinTolerance(1e308 * 10, 1e308 * 10, 0, 0)).toBe(true);
  });
});

describe('exact checker', () => {
  const spec = { kind: 'exact', caseSensitive: true } as const;

  it('ignores trailing whitespace per line, \\r and trailing empty lines', () => {
    expect(check(spec, 'a  b  \r\nc\n\n\n', 'a  b\nc\n')).toBe(true);
    expect(check(spec, 'a  b', 'a  b\n')).toBe(true);
  });

  it('keeps spaces inside lines, leading spaces and empty lines in the middle', () => {
    expect(check(spec, 'a b', 'a  b')).toBe(false);
    expect(check(spec, ' a', 'a')).toBe(false);
    expect(check(spec, 'a\nb', 'a\n\nb')).toBe(false);
    expect(checkOutput(spec, b('a\n'), b('a\nb\n')).reason).toMatch(/line 2: expected "b", got end of output/);
    expect(checkOutput(spec, b('a\nb\n'), b('a\n')).reason).toMatch(/line 2: expected end of output/);
  });

  it('can ignore case', () => {
    expect(check({ kind: 'exact', caseSensitive: false }, 'Total: 10', 'TOTAL: 10')).toBe(true);
    expect(check(spec, 'Total: 10', 'TOTAL: 10')).toBe(false);
  });
});

describe('tokenize', () => {
  it('splits on ASCII whitespace only', () => {
    expect(tokenize(' a\tb\u00a0c \n')).toEqual(['a', 'b\u00a0c']);
    expect(tokenize('')).toEqual([]);
  });
});
