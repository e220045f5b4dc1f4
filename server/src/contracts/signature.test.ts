import { describe, expect, it } from 'vitest';
import { functionSignatureSchema, type ValueType } from './signature.ts';

const int: ValueType = { kind: 'int', min: 0, max: 10 };
const parse = (signature: unknown) => functionSignatureSchema.safeParse(signature);
const messages = (signature: unknown) => {
  const parsed = parse(signature);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('the signature schema', () => {
  it('takes a signature with records, lists, maps and optionals', () => {
    const point: ValueType = { kind: 'record', name: 'point', fields: [{ name: 'x', type: int }, { name: 'tag', type: { kind: 'optional', of: { kind: 'string' } } }] };
    expect(parse({ name: 'closest_pair', params: [{ name: 'points', type: { kind: 'list', of: point } }, { name: 'weights', type: { kind: 'map', of: { kind: 'float' } } }], returns: point }).success).toBe(true);
    expect(parse({ name: 'zero', params: [], returns: { kind: 'bool' } }).success).toBe(true);
  });

  it('refuses names that are not lower snake case, or whose camelCase spelling would collide', () => {
    for (const name of ['Solve', 'solve-it', '_solve', 'solve__it', 'a_1', '9lives', '']) expect(parse({ name, params: [], returns: int }).success, name).toBe(false);
  });

  it('refuses integer ranges beyond what JSON holds exactly, and upside down', () => {
    expect(messages({ name: 'f', params: [], returns: { kind: 'int', min: 0, max: 2 ** 53 } })).not.toEqual([]);
    expect(messages({ name: 'f', params: [], returns: { kind: 'int', min: 5, max: 4 } })).toEqual(['returns.max: min must not be above max']);
  });

  it('refuses twice-named parameters and fields, a record declared twice differently, an optional of an optional, deep nesting', () => {
    expect(messages({ name: 'f', params: [{ name: 'a', type: int }, { name: 'a', type: int }], returns: int })).toEqual(['params.1.name: parameter a is named twice']);
    const a1: ValueType = { kind: 'record', name: 'r', fields: [{ name: 'x', type: int }] };
    const a2: ValueType = { kind: 'record', name: 'r', fields: [{ name: 'y', type: int }] };
    expect(messages({ name: 'f', params: [{ name: 'a', type: a1 }], returns: a2 })).toEqual(['returns.name: record r is declared twice with different fields']);
    expect(messages({ name: 'f', params: [], returns: { kind: 'record', name: 'r', fields: [{ name: 'x', type: int }, { name: 'x', type: int }] } })).toEqual(['returns.fields.1.name: field x is named twice']);
    expect(messages({ name: 'f', params: [], returns: { kind: 'optional', of: { kind: 'optional', of: int } } })).toEqual(['returns: an optional cannot hold another optional']);
    const deep = { kind: 'list', of: { kind: 'list', of: { kind: 'list', of: { kind: 'list', of: { kind: 'list', of: int } } } } };
    expect(messages({ name: 'f', params: [], returns: deep })).toEqual(['returns.of.of.of.of: types nest more than 4 deep']);
  });

  it('refuses a field named like its record or like the function (C# and Haskell cannot compile them)', () => {
    const node: ValueType = { kind: 'record', name: 'node', fields: [{ name: 'node', type: int }] };
    expect(messages({ name: 'f', params: [], returns: node })).toEqual(['returns.fields.0.name: record node cannot have a field named like itself']);
    const clash: ValueType = { kind: 'record', name: 'pair', fields: [{ name: 'f', type: int }] };
    expect(messages({ name: 'f', params: [], returns: clash })).toEqual(['returns.fields.0.name: a field cannot be named like the function (f)']);
  });

  it('refuses unknown keys and kinds', () => {
    expect(parse({ name: 'f', params: [], returns: { kind: 'tuple' } }).success).toBe(false);
    expect(parse({ name: 'f', params: [], returns: { kind: 'bool', extra: 1 } }).success).toBe(false);
  });
});
