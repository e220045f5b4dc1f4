import { describe, expect, it } from 'vitest';
import { countedScore, countedScores, countedTotal } from './scoring.ts';

describe('countedScore: the best judged submission counts', () => {
  it('takes the best score, not the last', () => {
    expect(countedScore([{ kind: 'submit', score: 40 }, { kind: 'submit', score: 100 }, { kind: 'submit', score: 10 }])).toBe(100);
  });

  it('ignores sample and custom runs and submissions without a score', () => {
    expect(countedScore([{ kind: 'samples', score: 100 }, { kind: 'custom', score: 100 }, { kind: 'submit', score: undefined }])).toBeUndefined();
    expect(countedScore([{ kind: 'submit', score: undefined }, { kind: 'submit', score: 0 }])).toBe(0);
  });

  it('is undefined for a task never judged', () => {
    expect(countedScore([])).toBeUndefined();
  });
});

describe('countedScores and countedTotal', () => {
  const runs = [
    { challengeVersionId: 'a', kind: 'submit' as const, score: 30 },
    { challengeVersionId: 'a', kind: 'submit' as const, score: 70 },
    { challengeVersionId: 'a', kind: 'submit' as const, score: 0 },
    { challengeVersionId: 'b', kind: 'samples' as const, score: 100 },
    { challengeVersionId: 'c', kind: 'submit' as const, score: undefined },
    { challengeVersionId: 'd', kind: 'submit' as const, score: 50 },
  ];

  it('gives each judged task its best score and leaves the others out', () => {
    expect(Object.fromEntries(countedScores(runs))).toEqual({ a: 70, d: 50 });
  });

  it('sums the counted scores', () => {
    expect(countedTotal(runs)).toBe(120);
    expect(countedTotal([])).toBe(0);
  });
});
