import { describe, expect, it } from 'vitest';
import type { FunctionSignature, ValueType } from '../contracts/index.ts';
import { argumentsProblem, valueProblem } from '../contracts/index.ts';
import { testDataProblem } from './values.ts';

const byte: ValueType = { kind: 'int', min: 0, max: 255 };
const item: ValueType = { kind: 'record', name: 'item', fields: [{ name: 'name', type: { kind: 'string' } }, { name: 'count', type: byte }] };
const signature: FunctionSignature = { name: 'total', params: [{ name: 'items', type: { kind: 'list', of: item } }, { name: 'scale', type: { kind: 'float' } }], returns: { kind: 'optional', of: byte } };

describe('values against their types', () => {
  it('accepts values of the type, at its edges', () => {
    expect(valueProblem(byte, 0)).toBeUndefined();
    expect(valueProblem(byte, 255)).toBeUndefined();
    expect(valueProblem({ kind: 'list', of: { kind: 'list', of: byte } }, [[], [1]])).toBeUndefined();
    expect(valueProblem({ kind: 'map', of: byte }, {})).toBeUndefined();
    expect(valueProblem({ kind: 'float', special: true }, 'NaN')).toBeUndefined();
    expect(valueProblem({ kind: 'string' }, '😀 ትግርኛ')).toBeUndefined();
  });

  it('says where a value goes wrong', () => {
    expect(valueProblem(byte, 256)).toBe('$: 256 is outside 0…255');
    expect(valueProblem(byte, 1.5)).toMatch(/expected an integer/);
    expect(valueProblem({ kind: 'list', of: item }, [{ name: 'a', count: 1 }, { name: 'b' }])).toBe('$[1]: item needs its field count');
    expect(valueProblem(item, { name: 'a', count: 1, extra: 2 })).toMatch(/has no field "extra"/);
    expect(valueProblem({ kind: 'float' }, 'NaN')).toMatch(/not allowed here/);
    expect(valueProblem({ kind: 'float' }, '1.5')).toMatch(/expected a number/);
    expect(valueProblem({ kind: 'string' }, '\ud800')).toMatch(/lone surrogate/);
    expect(valueProblem({ kind: 'string' }, 'a\0b')).toMatch(/NUL/);
    expect(valueProblem({ kind: 'bool' }, null)).toMatch(/expected true or false/);
    expect(valueProblem({ kind: 'optional', of: byte }, null)).toBeUndefined();
  });

  it('checks a call\'s arguments by count and by parameter', () => {
    expect(argumentsProblem(signature, [[], 1])).toBeUndefined();
    expect(argumentsProblem(signature, [[]])).toMatch(/takes 2 arguments \(items, scale\), got 1/);
    expect(argumentsProblem(signature, { items: [] })).toMatch(/JSON array/);
    expect(argumentsProblem(signature, [[{ name: 'x', count: -1 }], 1])).toBe('items[0].count: -1 is outside 0…255');
  });

  it('checks a test\'s files: arguments and expected value as JSON', () => {
    const data = (input: string, answer: string) => testDataProblem(signature, Buffer.from(input), Buffer.from(answer));
    expect(data('[[], 2.5]', 'null')).toBeUndefined();
    expect(data('[[], 2.5', 'null')).toMatch(/^the input \(the arguments\) is not valid JSON/);
    expect(data('[[], 2.5]', '300')).toBe('the answer: answer: 300 is outside 0…255');
  });
});
