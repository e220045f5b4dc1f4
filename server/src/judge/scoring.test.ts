import { describe, expect, it } from 'vitest';
import type { Verdict } from '../contracts/index.ts';
import { overallVerdict, scoreGroups } from './scoring.ts';

const group = (id: string, points: number, ...verdicts: Verdict[]) => ({ id, points, verdicts });

describe('scoreGroups', () => {
  it('gives a group its points only when every test passes', () => {
    const result = scoreGroups([
      group('small', 30, 'accepted', 'accepted'),
      group('large', 70, 'accepted', 'time_limit'),
    ]);
    expect(result.score).toBe(30);
    expect(result.groups).toEqual([
      { id: 'small', points: 30, earned: 30 },
      { id: 'large', points: 70, earned: 0 },
    ]);
  });

  it('scales to 0–100 whatever the point total, rounding to the nearest integer', () => {
    expect(scoreGroups([group('a', 1, 'accepted'), group('b', 2, 'wrong_answer')]).score).toBe(33);
    expect(scoreGroups([group('a', 2, 'accepted'), group('b', 1, 'wrong_answer')]).score).toBe(67);
    expect(scoreGroups([group('a', 5, 'accepted'), group('b', 5, 'accepted')]).score).toBe(100);
  });

  it('equal per-test groups give proportional credit', () => {
    const tests = ['accepted', 'accepted', 'wrong_answer', 'accepted'] as Verdict[];
    expect(scoreGroups(tests.map((v, i) => group(String(i), 1, v))).score).toBe(75);
  });

  it('an empty group earns nothing; zero-point packages are all or nothing', () => {
    expect(scoreGroups([group('a', 10), group('b', 10, 'accepted')]).score).toBe(50);
    expect(scoreGroups([group('a', 0, 'accepted')]).score).toBe(100);
    expect(scoreGroups([group('a', 0, 'accepted'), group('b', 0, 'wrong_answer')]).score).toBe(0);
  });
});

describe('overallVerdict', () => {
  it('is the first failing test in judging order', () => {
    expect(overallVerdict(['accepted', 'time_limit', 'wrong_answer'])).toBe('time_limit');
    expect(overallVerdict(['accepted', 'accepted'])).toBe('accepted');
    expect(overallVerdict([])).toBe('accepted');
  });
});
