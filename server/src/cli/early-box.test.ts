import { describe, expect, it } from 'vitest';
import { DEFAULT_JUDGE_LIMITS } from '../config/index.ts';
import { PROVISIONAL_CAPS } from './early-box.ts';

describe('the early box', () => {
  it('starts with the judge’s default caps, which it cannot read without zod', () => {
    expect(PROVISIONAL_CAPS).toEqual({ defaultMemoryMb: DEFAULT_JUDGE_LIMITS.defaultMemoryMb, compileMemoryMb: DEFAULT_JUDGE_LIMITS.compileMemoryMb });
  });
});
