import { describe, expect, it } from 'vitest';
import { attemptDeadline } from './deadline.ts';

const MIN = 60_000;
const start = Date.UTC(2026, 0, 5, 9, 0);

describe('attemptDeadline', () => {
  it('is the time limit from the start when the window is wide', () => {
    expect(attemptDeadline({ startedAtMs: start, timeLimitMinutes: 90, closesAtMs: start + 24 * 60 * MIN, extraMinutes: 0 })).toBe(start + 90 * MIN);
  });

  it('adds the invite’s extra minutes to the time limit', () => {
    expect(attemptDeadline({ startedAtMs: start, timeLimitMinutes: 90, closesAtMs: start + 24 * 60 * MIN, extraMinutes: 25 })).toBe(start + 115 * MIN);
  });

  it('stops at the window’s end without extra time', () => {
    expect(attemptDeadline({ startedAtMs: start, timeLimitMinutes: 90, closesAtMs: start + 30 * MIN, extraMinutes: 0 })).toBe(start + 30 * MIN);
  });

  it('keeps extra time extra for a late start: it is added after the window’s cap', () => {
    expect(attemptDeadline({ startedAtMs: start, timeLimitMinutes: 90, closesAtMs: start + 30 * MIN, extraMinutes: 20 })).toBe(start + 50 * MIN);
  });
});
