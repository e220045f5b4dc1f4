import type { FunctionSignature, ValueType } from '../contracts/index.ts';

/**
 * What travels between the server and a generated harness: whitespace-
 * separated decimal tokens that every language reads with its plainest
 * integer and float parsing, and no JSON library in any box.
 *
 * - int: the integer; float: a round-trip decimal, or nan, inf, -inf;
 *   bool: 0 or 1;
 * - string: its number of Unicode code points, then each code point;
 * - list: its length, then the items; map: its size, then key and value
 *   pairs (keys in code point order); optional: 0, or 1 and the value;
 *   record: its fields in declared order.
 *
 * The input is the run's nonce on its own line, then the arguments in order.
 * After the call the harness writes a new line, the nonce, a space, the
 * return value and a new line. The nonce is fresh per run and the server
 * takes the one line that starts with it: whatever else the program printed
 * is the candidate's own output, and two result lines get no credit.
 */

export function encodeInput(signature: FunctionSignature, nonce: string, args: readonly unknown[]): string {
  const tokens: string[] = [];
  signature.params.forEach((param, index) => encodeValue(param.type, args[index], tokens));
  return `${nonce}\n${tokens.join(' ')}\n`;
}

export function encodeValue(type: ValueType, value: unknown, out: string[]): void {
  switch (type.kind) {
    case 'int':
      out.push(String(value));
      return;
    case 'float':
      out.push(floatToken(value));
      return;
    case 'bool':
      out.push(value ? '1' : '0');
      return;
    case 'string':
      pushString(value as string, out);
      return;
    case 'list': {
      const items = value as unknown[];
      out.push(String(items.length));
      for (const item of items) encodeValue(type.of, item, out);
      return;
    }
    case 'map': {
      const keys = Object.keys(value as Record<string, unknown>).sort(byCodePoints);
      out.push(String(keys.length));
      for (const key of keys) {
        pushString(key, out);
        encodeValue(type.of, (value as Record<string, unknown>)[key], out);
      }
      return;
    }
    case 'optional':
      if (value === null || value === undefined) out.push('0');
      else {
        out.push('1');
        encodeValue(type.of, value, out);
      }
      return;
    case 'record':
      for (const field of type.fields) encodeValue(field.type, (value as Record<string, unknown>)[field.name], out);
      return;
  }
}

function pushString(text: string, out: string[]) {
  const points = [...text];
  out.push(String(points.length));
  for (const point of points) out.push(String(point.codePointAt(0)));
}

function floatToken(value: unknown): string {
  if (value === 'NaN') return 'nan';
  if (value === 'Infinity') return 'inf';
  if (value === '-Infinity') return '-inf';
  // JavaScript's shortest round-trip form; every harness's strtod-like parser reads it.
  return String(value);
}

function byCodePoints(a: string, b: string): number {
  const pa = [...a].map((c) => c.codePointAt(0)!);
  const pb = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return pa.length - pb.length;
}

export type Decoded =
  | { ok: true; value: unknown; printed: string }
  | { ok: false; reason: string; printed: string };

/**
 * The return value from a run's standard output, as JSON-ready data (floats
 * that are not finite as "NaN", "Infinity", "-Infinity"), and what the
 * program printed besides. Never trusts a count: a list of a billion items in
 * a short line fails as a short line.
 */
export function decodeOutput(type: ValueType, nonce: string, stdout: Buffer): Decoded {
  const text = stdout.toString('utf8');
  const lines = text.split('\n');
  const marker = `${nonce} `;
  const results = lines.flatMap((line, index) => (line.startsWith(marker) || line === nonce ? [index] : []));
  const resultLines = new Set(results);
  const printed = lines.filter((_, index) => !resultLines.has(index)).join('\n').replace(/\n+$/, '');
  if (results.length === 0) return { ok: false, reason: 'The function returned no value: the program ended before the harness wrote it', printed };
  if (results.length > 1) return { ok: false, reason: 'More than one result line was written', printed };
  const tokens = lines[results[0]!]!.slice(marker.length).trim().split(/\s+/).filter((t) => t !== '');
  const reader = { tokens, at: 0 };
  try {
    const value = readValue(type, reader);
    if (reader.at !== tokens.length) return { ok: false, reason: 'The result line holds more than one value', printed };
    return { ok: true, value, printed };
  } catch (error) {
    return { ok: false, reason: `The result could not be read: ${(error as Error).message}`, printed };
  }
}

interface Reader {
  tokens: string[];
  at: number;
}

function next(reader: Reader): string {
  const token = reader.tokens[reader.at++];
  if (token === undefined) throw new Error('it ends early');
  return token;
}

function count(reader: Reader): number {
  const token = next(reader);
  const n = Number(token);
  if (!/^\d+$/.test(token) || n > reader.tokens.length - reader.at) throw new Error(`bad length ${token.slice(0, 20)}`);
  return n;
}

function readValue(type: ValueType, reader: Reader): unknown {
  switch (type.kind) {
    case 'int': {
      const token = next(reader);
      const n = Number(token);
      if (!/^-?\d+$/.test(token) || !Number.isSafeInteger(n)) throw new Error(`bad integer ${token.slice(0, 30)}`);
      return n;
    }
    case 'float':
      return readFloat(next(reader));
    case 'bool': {
      const token = next(reader);
      if (token !== '0' && token !== '1') throw new Error(`bad bool ${token.slice(0, 20)}`);
      return token === '1';
    }
    case 'string':
      return readString(reader);
    case 'list': {
      const n = count(reader);
      const items: unknown[] = [];
      for (let i = 0; i < n; i++) items.push(readValue(type.of, reader));
      return items;
    }
    case 'map': {
      const n = count(reader);
      const map: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) {
        const key = readString(reader);
        if (Object.hasOwn(map, key)) throw new Error(`key ${JSON.stringify(key.slice(0, 20))} twice`);
        // Defined, not assigned: a key "__proto__" is an entry like any other, not the object's prototype.
        Object.defineProperty(map, key, { value: readValue(type.of, reader), enumerable: true, writable: true, configurable: true });
      }
      return map;
    }
    case 'optional': {
      const token = next(reader);
      if (token === '0') return null;
      if (token !== '1') throw new Error(`bad optional ${token.slice(0, 20)}`);
      return readValue(type.of, reader);
    }
    case 'record': {
      const record: Record<string, unknown> = {};
      for (const field of type.fields) record[field.name] = readValue(field.type, reader);
      return record;
    }
  }
}

function readString(reader: Reader): string {
  const n = count(reader);
  let text = '';
  for (let i = 0; i < n; i++) {
    const token = next(reader);
    const point = Number(token);
    if (!/^\d+$/.test(token) || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) throw new Error(`bad character ${token.slice(0, 20)}`);
    text += String.fromCodePoint(point);
  }
  return text;
}

/** Each language prints its not-a-number and infinities its own way (nan, -nan, NaN, inf, Infinity…). */
function readFloat(token: string): number | string {
  const lower = token.toLowerCase();
  if (/^[+-]?nan$/.test(lower)) return 'NaN';
  if (/^\+?inf(inity)?$/.test(lower)) return 'Infinity';
  if (/^-inf(inity)?$/.test(lower)) return '-Infinity';
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(lower)) throw new Error(`bad number ${token.slice(0, 30)}`);
  const n = Number(lower);
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return n;
}
