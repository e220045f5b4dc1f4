import type { DashboardRow, DashboardStatus } from '@kodbro/server/contracts';

/** The dashboard's pure parts: sorting, filtering and the score histogram, unit-tested without a browser. */

export type SortKey = 'name' | 'status' | 'total' | 'time' | 'rating' | 'shortlisted' | `task:${string}`;
export interface Sort {
  key: SortKey;
  direction: 'ascending' | 'descending';
}

const STATUS_ORDER: Record<DashboardStatus, number> = { started: 0, finished: 1, invited: 2, expired: 3, revoked: 4 };

/** What a row sorts by for a key; null sorts last whatever the direction (nothing to compare). */
function sortValue(row: DashboardRow, key: SortKey, nameOf: (row: DashboardRow) => string): string | number | null {
  switch (key) {
    case 'name':
      return nameOf(row).toLocaleLowerCase();
    case 'status':
      return STATUS_ORDER[row.status];
    case 'total':
      return row.attemptId ? row.total : null;
    case 'time':
      return row.secondsUsed;
    case 'rating':
      return row.review.rating;
    case 'shortlisted':
      return row.review.shortlisted ? 1 : 0;
    default:
      return row.scores.find((s) => `task:${s.challengeVersionId}` === key)?.score ?? null;
  }
}

export function sortRows(rows: readonly DashboardRow[], sort: Sort, nameOf: (row: DashboardRow) => string): DashboardRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, sort.key, nameOf);
    const y = sortValue(b, sort.key, nameOf);
    if (x === null || y === null) return x === y ? a.candidateNumber - b.candidateNumber : x === null ? 1 : -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return order !== 0 ? sign * order : a.candidateNumber - b.candidateNumber;
  });
}

export function filterRows(rows: readonly DashboardRow[], status: DashboardStatus | 'all', search: string, nameOf: (row: DashboardRow) => string): DashboardRow[] {
  const needle = search.trim().toLocaleLowerCase();
  return rows.filter((row) => (status === 'all' || row.status === status) && (needle === '' || nameOf(row).toLocaleLowerCase().includes(needle)));
}

/** Ten buckets of a task's scores (0–9, 10–19, … 90–100), counting the candidates who have one. */
export function histogram(scores: readonly (number | null)[], max: number): { from: number; to: number; count: number }[] {
  const width = max / 10;
  const buckets = Array.from({ length: 10 }, (_, i) => ({ from: Math.round(i * width), to: i === 9 ? max : Math.round((i + 1) * width) - 1, count: 0 }));
  for (const score of scores) {
    if (score === null) continue;
    buckets[Math.min(9, Math.floor(score / width))]!.count += 1;
  }
  return buckets;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}
