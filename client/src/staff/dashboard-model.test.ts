import { describe, expect, it } from 'vitest';
import type { DashboardRow } from '@kodbro/server/contracts';
import { filterRows, histogram, median, sortRows } from './dashboard-model.ts';

const row = (n: number, over: Partial<DashboardRow> = {}): DashboardRow => ({
  inviteId: `i${n}`,
  attemptId: `a${n}`,
  candidateNumber: n,
  candidateName: `Name ${n}`,
  contact: null,
  hidden: false,
  revealedBy: null,
  revealedAt: null,
  status: 'finished',
  scores: [{ challengeVersionId: 'v1', score: n * 10, max: 100 }],
  total: n * 10,
  maxTotal: 100,
  secondsUsed: 600,
  minutesAllowed: 60,
  extraMinutes: 0,
  languages: [],
  startedAt: null,
  finishedAt: null,
  review: { note: '', rating: null, shortlisted: false, updatedBy: null, updatedAt: null },
  ...over,
});
const nameOf = (r: DashboardRow) => r.candidateName ?? '';

describe('sortRows', () => {
  it('sorts by total either way, and rows without a value last whatever the direction', () => {
    const rows = [row(2), row(3, { attemptId: null, total: 0, status: 'invited' }), row(1), row(4)];
    expect(sortRows(rows, { key: 'total', direction: 'descending' }, nameOf).map((r) => r.candidateNumber)).toEqual([4, 2, 1, 3]);
    expect(sortRows(rows, { key: 'total', direction: 'ascending' }, nameOf).map((r) => r.candidateNumber)).toEqual([1, 2, 4, 3]);
    expect(sortRows(rows, { key: 'task:v1', direction: 'descending' }, nameOf).map((r) => r.candidateNumber)).toEqual([4, 3, 2, 1]);
    expect(sortRows([row(2, { candidateName: 'bo' }), row(1, { candidateName: 'Cem' }), row(3, { candidateName: 'Amal' })], { key: 'name', direction: 'ascending' }, nameOf).map((r) => r.candidateName)).toEqual(['Amal', 'bo', 'Cem']);
  });
});

describe('filterRows', () => {
  it('keeps one status and names containing the search, in any case', () => {
    const rows = [row(1, { candidateName: 'Amira Haile' }), row(2, { candidateName: 'Bo', status: 'invited' }), row(3, { candidateName: 'Hailu' })];
    expect(filterRows(rows, 'all', ' haIL', nameOf).map((r) => r.candidateNumber)).toEqual([1, 3]);
    expect(filterRows(rows, 'invited', '', nameOf).map((r) => r.candidateNumber)).toEqual([2]);
  });
});

describe('histogram and median', () => {
  it('puts 100 in the last bucket and skips candidates without a score', () => {
    const buckets = histogram([0, 9, 10, 55, 100, 99, null], 100);
    expect(buckets.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
    expect(buckets[9]).toEqual({ from: 90, to: 100, count: 2 });
    expect(median([30, 10, 20])).toBe(20);
    expect(median([10, 20])).toBe(15);
    expect(median([])).toBeNull();
  });
});
