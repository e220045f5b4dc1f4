import { describe, expect, it } from 'vitest';
import type { FunctionSignature, ValueType } from '../contracts/index.ts';
import { decodeOutput, encodeInput, encodeValue } from './wire.ts';

const NONCE = '0123456789abcdef0123456789abcdef';
const int: ValueType = { kind: 'int', min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
const float: ValueType = { kind: 'float', special: true };
const str: ValueType = { kind: 'string' };
const point: ValueType = { kind: 'record', name: 'point', fields: [{ name: 'x', type: int }, { name: 'label', type: { kind: 'optional', of: str } }] };

function tokens(type: ValueType, value: unknown): string {
  const out: string[] = [];
  encodeValue(type, value, out);
  return out.join(' ');
}

function roundTrip(type: ValueType, value: unknown): unknown {
  const decoded = decodeOutput(type, NONCE, Buffer.from(`\n${NONCE} ${tokens(type, value)}\n`));
  if (!decoded.ok) throw new Error(decoded.reason);
  return decoded.value;
}

describe('the wire format', () => {
  it('writes the nonce on its own line, then each argument as tokens', () => {
    const signature: FunctionSignature = { name: 'f', params: [{ name: 'a', type: int }, { name: 'b', type: str }], returns: int };
    expect(encodeInput(signature, NONCE, [-7, 'hé'])).toBe(`${NONCE}\n-7 2 104 233\n`);
  });

  it('strings are counted in code points, so astral characters are one each', () => {
    expect(tokens(str, 'a😀')).toBe('2 97 128512');
    expect(tokens(str, '')).toBe('0');
  });

  it('maps send their keys in code point order, optionals a 0 or a 1, records their fields in order', () => {
    expect(tokens({ kind: 'map', of: int }, { b: 2, a: 1, '😀': 3 })).toBe('3 1 97 1 1 98 2 1 128512 3');
    expect(tokens(point, { x: 5, label: null })).toBe('5 0');
    expect(tokens(point, { x: 5, label: 'z' })).toBe('5 1 1 122');
  });

  it('floats in their round-trip form, the special ones as nan and inf', () => {
    expect(tokens({ kind: 'list', of: float }, [0.1, 5e-324, 'NaN', 'Infinity', '-Infinity'])).toBe('5 0.1 5e-324 nan inf -inf');
  });

  it('values round-trip exactly at the edges of their types', () => {
    const values: [ValueType, unknown][] = [
      [int, Number.MAX_SAFE_INTEGER],
      [int, -Number.MAX_SAFE_INTEGER],
      [float, 1.7976931348623157e308],
      [float, 'NaN'],
      [str, 'مرحبا\t\n"\\ 😀'],
      [{ kind: 'list', of: { kind: 'list', of: int } }, [[], [1], []]],
      [{ kind: 'map', of: point }, {}],
      [{ kind: 'map', of: int }, JSON.parse('{"__proto__": 1, "constructor": 2}')],
      [{ kind: 'list', of: point }, [{ x: 1, label: null }, { x: 2, label: '' }]],
    ];
    for (const [type, value] of values) expect(roundTrip(type, value)).toEqual(value);
  });
});

describe('reading a run\'s output', () => {
  const read = (text: string, type: ValueType = int) => decodeOutput(type, NONCE, Buffer.from(text));

  it('takes the one line that starts with the nonce; everything else is what the program printed', () => {
    expect(read(`debug 1\npartial\n${NONCE} 42\n`)).toEqual({ ok: true, value: 42, printed: 'debug 1\npartial' });
  });

  it('gives no value without a result line, or with two (a forged one beside the real one)', () => {
    expect(read('42\n')).toMatchObject({ ok: false, reason: expect.stringContaining('returned no value') });
    expect(read(`${NONCE} 1\n${NONCE} 2\n`)).toMatchObject({ ok: false, reason: expect.stringContaining('More than one') });
    expect(read(`${NONCE.replace('0', '1')} 42\n`)).toMatchObject({ ok: false });
  });

  it('refuses malformed values instead of guessing', () => {
    for (const [text, type] of [
      [`${NONCE} 1.5`, int],
      [`${NONCE} 9007199254740993`, int],
      [`${NONCE} 1 2`, int],
      [`${NONCE} 2 1`, { kind: 'list', of: int }],
      [`${NONCE} 1000000000 1`, { kind: 'list', of: int }],
      [`${NONCE} 1 55296`, str],
      [`${NONCE} 1 1114112`, str],
      [`${NONCE} 2`, { kind: 'bool' }],
      [`${NONCE} 2 1 97 1 1 97 2`, { kind: 'map', of: int }],
      [`${NONCE} 0x10`, float],
    ] as [string, ValueType][]) {
      expect(read(`${text}\n`, type).ok, text).toBe(false);
    }
  });

  it('reads each language\'s spelling of NaN and the infinities', () => {
    for (const [token, value] of [['nan', 'NaN'], ['-nan', 'NaN'], ['NaN', 'NaN'], ['inf', 'Infinity'], ['Infinity', 'Infinity'], ['-inf', '-Infinity'], ['1e309', 'Infinity'], ['-0.0', -0], ['1E-5', 1e-5]] as [string, unknown][]) {
      expect(read(`${NONCE} ${token}\n`, float), token).toMatchObject({ ok: true, value });
    }
  });
});
