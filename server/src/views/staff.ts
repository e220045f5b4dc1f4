import {
  judgeResultSchema,
  type AssessmentView,
  type AttemptSummary,
  type ChallengeMeta,
  type ChallengeSummary,
  type InviteView,
  type LanguageId,
  type StaffSubmission,
  type StaffUserView,
} from '../contracts/index.ts';
import type { Assessment, Attempt, ChallengeRecord, Invite, StaffUser, Submission } from '../store/index.ts';
import { attemptStatus } from './candidate.ts';

/** Staff views: everything of their own organisation, dates as ISO strings. */

export function toStaffUserView(user: StaffUser): StaffUserView {
  return { id: user.id, email: user.email, displayName: user.displayName, roles: user.roles, createdAt: user.createdAt.toISOString() };
}

export function toChallengeSummary(record: ChallengeRecord, meta: ChallengeMeta): ChallengeSummary {
  return {
    id: record.id,
    slug: record.slug,
    title: record.title,
    latestVersion: record.latestVersion,
    latestVersionId: record.latestVersionId,
    meta,
    updatedAt: record.updatedAt.toISOString(),
  };
}

export function toAssessmentView(assessment: Assessment): AssessmentView {
  return {
    id: assessment.id,
    title: assessment.title,
    challenges: assessment.challenges.map((c) => ({ ...c })),
    timeLimitMinutes: assessment.timeLimitMinutes,
    opensAt: assessment.opensAt.toISOString(),
    closesAt: assessment.closesAt.toISOString(),
    resultsVisibility: assessment.resultsVisibility,
    createdAt: assessment.createdAt.toISOString(),
  };
}

export function toInviteView(invite: Invite, attempt: Attempt | undefined, now: Date): InviteView {
  const status = invite.revokedAt ? 'revoked' : attemptStatus(attempt, now);
  return {
    id: invite.id,
    assessmentId: invite.assessmentId,
    shortCode: invite.shortCode,
    candidateName: invite.candidateName,
    candidateEmail: invite.candidateEmail,
    status,
    attemptId: invite.attemptId,
    createdAt: invite.createdAt.toISOString(),
    revokedAt: invite.revokedAt?.toISOString() ?? null,
  };
}

export function toStaffSubmission(submission: Submission): StaffSubmission {
  const parsed = judgeResultSchema.safeParse(submission.result);
  return {
    id: submission.id,
    challengeVersionId: submission.challengeVersionId,
    kind: submission.kind,
    language: submission.language,
    source: submission.source,
    customInput: submission.customInput,
    status: submission.status,
    tries: submission.tries,
    error: submission.error,
    createdAt: submission.createdAt.toISOString(),
    finishedAt: submission.finishedAt?.toISOString() ?? null,
    result: parsed.success ? parsed.data : null,
  };
}

/** One line per candidate: the best judged score of each challenge, summed. */
export function toAttemptSummary(attempt: Attempt, invite: Pick<Invite, 'candidateName'> | undefined, submissions: Submission[], now: Date): AttemptSummary {
  const best = new Map<string, number>();
  const languages = new Set<LanguageId>();
  let submitted = 0;
  for (const submission of submissions) {
    if (submission.kind !== 'submit') continue;
    submitted++;
    languages.add(submission.language);
    const parsed = submission.status === 'done' ? judgeResultSchema.safeParse(submission.result) : undefined;
    if (parsed?.success) best.set(submission.challengeVersionId, Math.max(best.get(submission.challengeVersionId) ?? 0, parsed.data.score));
  }
  return {
    id: attempt.id,
    inviteId: attempt.inviteId,
    candidateName: invite?.candidateName ?? null,
    status: attemptStatus(attempt, now),
    startedAt: attempt.startedAt.toISOString(),
    deadlineAt: attempt.deadlineAt.toISOString(),
    finishedAt: attempt.finishedAt?.toISOString() ?? null,
    score: [...best.values()].reduce((sum, score) => sum + score, 0),
    submissions: submitted,
    languages: [...languages],
  };
}
