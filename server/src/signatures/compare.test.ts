import { describe, expect, it } from 'vitest';
import type { ValueType } from '../contracts/index.ts';
import { sameValue } from './compare.ts';
import { formatValue } from './format.ts';

const int: ValueType = { kind: 'int', min: -100, max: 100 };
const float: ValueType = { kind: 'float', special: true };
const pair: ValueType = { kind: 'record', name: 'pair', fields: [{ name: 'a', type: int }, { name: 'b', type: float }] };

describe('comparing returned values', () => {
  it('is exact by default, records field by field, maps whatever their key order', () => {
    expect(sameValue({ kind: 'list', of: int }, [1, 2], [1, 2])).toBe(true);
    expect(sameValue({ kind: 'list', of: int }, [1, 2], [2, 1])).toBe(false);
    expect(sameValue({ kind: 'list', of: int }, [1, 2], [1, 2, 3])).toBe(false);
    expect(sameValue({ kind: 'map', of: int }, { a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameValue({ kind: 'map', of: int }, { a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameValue(pair, { a: 1, b: 0.5 }, { a: 1, b: 0.5 })).toBe(true);
    expect(sameValue({ kind: 'optional', of: int }, null, 0)).toBe(false);
    expect(sameValue(float, 0.1 + 0.2, 0.3)).toBe(false);
  });

  it('takes floats within tolerance where the author allows it, and NaN as NaN', () => {
    expect(sameValue(float, 0.3, 0.1 + 0.2, { float: { absolute: 1e-9, relative: 0 } })).toBe(true);
    expect(sameValue(float, 1000, 1001, { float: { absolute: 0, relative: 1e-2 } })).toBe(true);
    expect(sameValue(float, 1000, 1011, { float: { absolute: 0, relative: 1e-2 } })).toBe(false);
    expect(sameValue(float, 'NaN', 'NaN')).toBe(true);
    expect(sameValue(float, 'Infinity', 1e308, { float: { absolute: 1, relative: 1 } })).toBe(false);
  });

  it('compares an unordered list as a multiset', () => {
    const list: ValueType = { kind: 'list', of: pair };
    const expected = [{ a: 1, b: 1 }, { a: 1, b: 1 }, { a: 2, b: 0 }];
    expect(sameValue(list, expected, [{ a: 2, b: 0 }, { a: 1, b: 1 }, { a: 1, b: 1 }], { unordered: true })).toBe(true);
    expect(sameValue(list, expected, [{ a: 2, b: 0 }, { a: 2, b: 0 }, { a: 1, b: 1 }], { unordered: true })).toBe(false);
  });

  it('sorts, not pairs, a long unordered list: 100 000 items compare at once', () => {
    const list: ValueType = { kind: 'list', of: int };
    const items = Array.from({ length: 100_000 }, (_, i) => i % 201 - 100);
    const started = performance.now();
    expect(sameValue(list, items, [...items].reverse(), { unordered: true })).toBe(true);
    // Quadratic matching would take minutes; a sort takes milliseconds. The bound is loose on purpose.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('formatting values for the page', () => {
  it('keeps plain lists on one line and puts each row of a grid on its own', () => {
    expect(formatValue([1, 2])).toBe('[1, 2]\n');
    expect(formatValue([[1, 2], [3]])).toBe('[\n  [1, 2],\n  [3]\n]\n');
    expect(formatValue([{ a: 1, b: 'x' }])).toBe('[\n  {"a": 1, "b": "x"}\n]\n');
    expect(formatValue({})).toBe('{}\n');
    expect(formatValue(null)).toBe('null\n');
  });
});
