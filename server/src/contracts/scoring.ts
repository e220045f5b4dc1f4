/**
 * Which submission of a task counts. Kodbro has one rule, `best`: a task
 * counts the highest judged score among its submissions (`submit`), so a
 * later, worse try never costs the candidate points, and trying again is
 * safe. A submission the server made when time ran out (`origin: 'time_up'`)
 * counts like any other. The rule travels in the candidate's attempt so the
 * page can say it before the timer starts; staff totals, the candidate's page
 * and the receipt all use `countedScore` below, so they cannot disagree.
 */
export const SCORING_RULES = ['best'] as const;
export type ScoringRule = (typeof SCORING_RULES)[number];
export const SCORING_RULE: ScoringRule = 'best';

/** A run as far as scoring needs it: its kind and, once judged (and shown), its score. */
export interface ScoredRun {
  kind: 'submit' | 'samples' | 'custom';
  /** Undefined while queued or running, when it failed for the system's reasons, or when the score is not shown. */
  score: number | undefined;
}

/**
 * The score one task counts: the best judged score of its submissions;
 * undefined while none of them has one. Sample and custom runs never count.
 *
 * @example countedScore([{ kind: 'submit', score: 40 }, { kind: 'submit', score: 10 }]) // 40
 */
export function countedScore(runs: Iterable<ScoredRun>): number | undefined {
  let best: number | undefined;
  for (const run of runs) {
    if (run.kind !== 'submit' || run.score === undefined) continue;
    best = best === undefined ? run.score : Math.max(best, run.score);
  }
  return best;
}

/** Each task's counted score, by challenge version; tasks without a judged submission are absent. */
export function countedScores(runs: Iterable<ScoredRun & { challengeVersionId: string }>): Map<string, number> {
  const byTask = new Map<string, ScoredRun[]>();
  for (const run of runs) byTask.set(run.challengeVersionId, [...(byTask.get(run.challengeVersionId) ?? []), run]);
  const counted = new Map<string, number>();
  for (const [task, taskRuns] of byTask) {
    const score = countedScore(taskRuns);
    if (score !== undefined) counted.set(task, score);
  }
  return counted;
}

/** An attempt's total: the sum of its tasks' counted scores (a task without one adds nothing). */
export function countedTotal(runs: Iterable<ScoredRun & { challengeVersionId: string }>): number {
  let total = 0;
  for (const score of countedScores(runs).values()) total += score;
  return total;
}
