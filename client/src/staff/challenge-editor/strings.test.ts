import { describe, expect, it } from 'vitest';
import authoringSv from './strings.sv.ts';
import authoringEn from './strings.ts';

/** Every key path of a nested texts object, e.g. `limits.checker_float`. */
function keysOf(texts: object, prefix = ''): string[] {
  return Object.entries(texts).flatMap(([key, value]) => (typeof value === 'object' && value !== null ? keysOf(value as object, `${prefix}${key}.`) : [`${prefix}${key}`]));
}
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1]).sort();

describe('the authoring texts in Swedish', () => {
  it('have every key of the English ones and no other, each with the same placeholders and not left empty', () => {
    const en = keysOf(authoringEn).sort();
    expect(keysOf(authoringSv).sort()).toEqual(en);
    const lookup = (texts: object, key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], texts) as string;
    for (const key of en) {
      const sv = lookup(authoringSv, key);
      expect(sv.trim(), key).not.toBe('');
      expect(placeholders(sv), key).toEqual(placeholders(lookup(authoringEn, key)));
    }
  });
});
