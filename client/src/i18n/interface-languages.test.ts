import { INTERFACE_LANGUAGES } from '@kodbro/server/contracts/plain';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './setup.ts';

describe('interface languages', () => {
  it('the server offers exactly the client’s locales, in the same order (an assessment picks a subset of them)', () => {
    expect(LANGUAGES.map((language) => language.code)).toEqual([...INTERFACE_LANGUAGES]);
  });
});
