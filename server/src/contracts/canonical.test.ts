import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: true }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":true,"z":null}]},"b":1}');
  });

  it('gives the same text for the same data in any key order', () => {
    expect(canonicalJson({ title: 'T', score: 40, max: 100 })).toBe(canonicalJson({ max: 100, score: 40, title: 'T' }));
  });

  it('sorts by UTF-16 code units, as RFC 8785 does, not by locale', () => {
    expect(canonicalJson({ b: 0, B: 0, 'é': 0, a: 0, '\u{1F600}': 0, '\uFFFF': 0 })).toBe('{"B":0,"a":0,"b":0,"é":0,"\u{1F600}":0,"\uFFFF":0}');
  });

  it('escapes strings as JSON does (names from any script stay as they are)', () => {
    expect(canonicalJson({ name: 'أمل "A"\n' })).toBe('{"name":"أمل \\"A\\"\\n"}');
  });

  it('refuses what JSON cannot hold rather than dropping it', () => {
    expect(() => canonicalJson({ a: undefined })).toThrow(TypeError);
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson([Infinity])).toThrow(TypeError);
  });
});
