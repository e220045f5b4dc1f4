import { countedScores, type DashboardRow, type DashboardStatus, type DashboardView } from '../contracts/index.ts';
import { statementLanguagesOf, timeAllowedMinutes, type Assessment, type Attempt, type CandidateReview, type Invite, type SubmitScore } from '../store/index.ts';
import { isHidden, shownInvite, type CandidateMask } from './anonymity.ts';

/** A task's maximum: the judge scores each task 0–100 (contracts/judging.ts). */
export const TASK_MAX = 100;

export interface DashboardInput {
  assessment: Assessment;
  /** In the store's order (creation): the row order and the candidates' numbers. */
  invites: readonly Invite[];
  attempts: ReadonlyMap<string, Attempt>;
  /** Every submit of the assessment's attempts (store.listSubmitScores). */
  scores: readonly SubmitScore[];
  reviews: ReadonlyMap<string, CandidateReview>;
  masks: ReadonlyMap<string, CandidateMask>;
  now: Date;
}

/** The row's status (contracts/dashboard.ts defines each in words). */
export function dashboardStatus(invite: Pick<Invite, 'revokedAt' | 'expiresAt'>, attempt: Pick<Attempt, 'finishedAt' | 'deadlineAt'> | undefined, closesAt: Date, now: Date): DashboardStatus {
  if (attempt) return attempt.finishedAt || attempt.deadlineAt.getTime() <= now.getTime() ? 'finished' : 'started';
  if (invite.revokedAt) return 'revoked';
  const end = invite.expiresAt ?? closesAt;
  return end.getTime() <= now.getTime() ? 'expired' : 'invited';
}

/** Seconds worked: to the hand-in, else to now, never past the deadline. */
export function secondsUsed(attempt: Pick<Attempt, 'startedAt' | 'finishedAt' | 'deadlineAt'>, now: Date): number {
  const end = attempt.finishedAt ?? new Date(Math.min(now.getTime(), attempt.deadlineAt.getTime()));
  return Math.max(0, Math.round((end.getTime() - attempt.startedAt.getTime()) / 1000));
}

/**
 * Minutes the candidate has (or would have), extra time included: an attempt's
 * own deadline decides once started (it may be cut by the assessment's close);
 * before that, the same rule the store applies at the start.
 */
export function minutesAllowed(assessment: Assessment, invite: Pick<Invite, 'preferredLanguage' | 'extraMinutes'>, attempt: Pick<Attempt, 'startedAt' | 'deadlineAt'> | undefined): number {
  if (attempt) return Math.round((attempt.deadlineAt.getTime() - attempt.startedAt.getTime()) / 60_000);
  return timeAllowedMinutes(
    assessment,
    { firstLanguage: invite.preferredLanguage, extraMinutes: invite.extraMinutes },
    assessment.challenges.map((c) => statementLanguagesOf(c.meta)),
  );
}

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

function reviewView(review: CandidateReview | undefined): DashboardRow['review'] {
  return {
    note: review?.note ?? '',
    rating: review?.rating ?? null,
    shortlisted: review?.shortlisted ?? false,
    updatedBy: review?.updatedByName ?? null,
    updatedAt: iso(review?.updatedAt),
  };
}

/** Groups the assessment's submits by attempt, once, so building rows is linear in submissions. */
function scoresByAttempt(scores: readonly SubmitScore[]): Map<string, SubmitScore[]> {
  const byAttempt = new Map<string, SubmitScore[]>();
  for (const score of scores) {
    const list = byAttempt.get(score.attemptId);
    if (list) list.push(score);
    else byAttempt.set(score.attemptId, [score]);
  }
  return byAttempt;
}

export function dashboardRow(input: Omit<DashboardInput, 'invites' | 'scores'> & { invite: Invite; submits: readonly SubmitScore[] }): DashboardRow {
  const { assessment, invite, now } = input;
  const attempt = invite.attemptId ? input.attempts.get(invite.attemptId) : undefined;
  const mask = input.masks.get(invite.id) ?? { anonymous: assessment.anonymousReview, number: 0, revealed: false };
  const shown = shownInvite(invite, mask);
  const review = input.reviews.get(invite.id);
  const counted = countedScores(input.submits.map((s) => ({ challengeVersionId: s.challengeVersionId, kind: 'submit' as const, score: s.score })));
  const scores = assessment.challenges.map((c) => ({ challengeVersionId: c.challengeVersionId, score: counted.get(c.challengeVersionId) ?? null, max: TASK_MAX }));
  return {
    inviteId: invite.id,
    attemptId: attempt?.id ?? null,
    candidateNumber: mask.number,
    candidateName: shown.candidateName,
    contact: shown.contact,
    hidden: isHidden(mask),
    // Kept visible after anonymous review is turned off: the record is the point.
    revealedBy: review?.revealedByName ?? null,
    revealedAt: iso(review?.revealedAt),
    status: dashboardStatus(invite, attempt, assessment.closesAt, now),
    scores,
    total: scores.reduce((sum, s) => sum + (s.score ?? 0), 0),
    maxTotal: TASK_MAX * assessment.challenges.length,
    secondsUsed: attempt ? secondsUsed(attempt, now) : null,
    minutesAllowed: minutesAllowed(assessment, invite, attempt),
    extraMinutes: invite.extraMinutes,
    languages: [...new Set(input.submits.map((s) => s.language))],
    startedAt: iso(attempt?.startedAt),
    finishedAt: iso(attempt?.finishedAt),
    review: reviewView(review),
  };
}

/** Every invite's row, linear in invites plus submissions. Pure: the route reads the store. */
export function buildDashboard(input: DashboardInput): DashboardView {
  const byAttempt = scoresByAttempt(input.scores);
  return {
    assessmentId: input.assessment.id,
    anonymousReview: input.assessment.anonymousReview,
    challenges: input.assessment.challenges.map((c) => ({ challengeVersionId: c.challengeVersionId, title: c.title, max: TASK_MAX })),
    maxTotal: TASK_MAX * input.assessment.challenges.length,
    rows: input.invites.map((invite) => dashboardRow({ ...input, invite, submits: invite.attemptId ? (byAttempt.get(invite.attemptId) ?? []) : [] })),
  };
}
