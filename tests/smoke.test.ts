import { afterEach, describe, expect, it } from 'vitest';
import { expectDockerClean, judgeSource, SUM_PACKAGE } from './support/sandbox.ts';

describe('sum fixture', () => {
  afterEach(expectDockerClean);
  it('accepts a correct Python solution', async () => {
    const result = await judgeSource(SUM_PACKAGE, 'python', 'input()\nprint(sum(map(int, input().split())))\n');
    expect(result.verdict).toBe('accepted');
    expect(result.score).toBe(100);
  });
});
