import type { GroupResult, Verdict } from '../contracts/index.ts';

export interface GroupVerdicts {
  id: string;
  points: number;
  verdicts: readonly Verdict[];
}

/**
 * A group earns its points only when every test in it is accepted; the score
 * is the earned share of all points, 0–100, rounded to the nearest integer.
 */
export function scoreGroups(groups: readonly GroupVerdicts[]): { score: number; groups: GroupResult[] } {
  const results = groups.map((g) => ({
    id: g.id,
    points: g.points,
    earned: g.verdicts.length > 0 && g.verdicts.every((v) => v === 'accepted') ? g.points : 0,
  }));
  const total = results.reduce((sum, g) => sum + g.points, 0);
  const earned = results.reduce((sum, g) => sum + g.earned, 0);
  if (total === 0) {
    // Only zero-point groups: all or nothing.
    const allPassed = groups.every((g) => g.verdicts.every((v) => v === 'accepted'));
    return { score: allPassed ? 100 : 0, groups: results };
  }
  return { score: Math.round((100 * earned) / total), groups: results };
}

/** The first failing test's verdict, in judging order; accepted when none failed. */
export function overallVerdict<V extends Verdict>(verdicts: readonly V[]): V | 'accepted' {
  return verdicts.find((v) => v !== 'accepted') ?? 'accepted';
}
