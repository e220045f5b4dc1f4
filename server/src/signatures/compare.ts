import type { ValueComparison, ValueType } from '../contracts/index.ts';

/**
 * Whether a returned value equals the expected one, both as JSON-ready data
 * of `type`: exact, except floats within the comparison's tolerance (NaN
 * equals NaN: the expected value says NaN is the answer) and, where the
 * author says the order does not matter, the returned list as a multiset.
 */
export function sameValue(type: ValueType, expected: unknown, actual: unknown, comparison: ValueComparison = {}): boolean {
  if (comparison.unordered && type.kind === 'list' && Array.isArray(expected) && Array.isArray(actual)) {
    return sameMultiset(type.of, expected, actual, comparison);
  }
  return equal(type, expected, actual, comparison);
}

function equal(type: ValueType, expected: unknown, actual: unknown, comparison: ValueComparison): boolean {
  switch (type.kind) {
    case 'float':
      return sameFloat(expected, actual, comparison.float);
    case 'list':
      return Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length && expected.every((item, i) => equal(type.of, item, actual[i], comparison));
    case 'map': {
      if (!isObject(expected) || !isObject(actual)) return false;
      const keys = Object.keys(expected);
      return keys.length === Object.keys(actual).length && keys.every((key) => Object.hasOwn(actual, key) && equal(type.of, expected[key], actual[key], comparison));
    }
    case 'optional':
      return expected === null || actual === null ? expected === actual : equal(type.of, expected, actual, comparison);
    case 'record':
      return isObject(expected) && isObject(actual) && type.fields.every((field) => equal(field.type, expected[field.name], actual[field.name], comparison));
    default:
      return expected === actual;
  }
}

function sameFloat(expected: unknown, actual: unknown, tolerance: ValueComparison['float']): boolean {
  if (typeof expected !== 'number' || typeof actual !== 'number') return expected === actual;
  if (expected === actual) return true;
  if (!tolerance) return false;
  const difference = Math.abs(expected - actual);
  return difference <= tolerance.absolute || difference <= tolerance.relative * Math.abs(expected);
}

/**
 * Both lists sorted by one structural order, then compared item by item: n log n,
 * so a long returned list cannot stall the judge. Close floats sort next to each
 * other, so a tolerance still pairs them.
 */
function sameMultiset(itemType: ValueType, expected: unknown[], actual: unknown[], comparison: ValueComparison): boolean {
  if (expected.length !== actual.length) return false;
  const a = [...expected].sort(order);
  const b = [...actual].sort(order);
  return a.every((item, i) => equal(itemType, item, b[i], comparison));
}

const RANK = { null: 0, boolean: 1, number: 2, string: 3, array: 4, object: 5 } as const;
function rank(value: unknown): number {
  if (value === null) return RANK.null;
  if (Array.isArray(value)) return RANK.array;
  return RANK[typeof value as 'boolean' | 'number' | 'string' | 'object'] ?? RANK.object;
}

/** A total order on JSON-ready values: by kind, then numbers by value, strings, lists and objects item by item. */
function order(x: unknown, y: unknown): number {
  const kind = rank(x) - rank(y);
  if (kind !== 0) return kind;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : x > y ? 1 : 0;
  if (typeof x === 'boolean') return Number(x) - Number(y);
  if (Array.isArray(x) && Array.isArray(y)) {
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const c = order(x[i], y[i]);
      if (c !== 0) return c;
    }
    return x.length - y.length;
  }
  if (isObject(x) && isObject(y)) {
    const kx = Object.keys(x).sort();
    const ky = Object.keys(y).sort();
    const keys = order(kx, ky);
    if (keys !== 0) return keys;
    for (const key of kx) {
      const c = order(x[key], y[key]);
      if (c !== 0) return c;
    }
  }
  return 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
