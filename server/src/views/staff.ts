import { z } from 'zod';
import {
  countedTotal,
  INVITE_LANGUAGES,
  judgeResultSchema,
  testDifferenceSchema,
  type AssessmentChangeView,
  type AssessmentView,
  type AttemptSummary,
  type ChallengeMeta,
  type ChallengeSummary,
  type InviteLanguage,
  type InviteView,
  type StaffSubmission,
  type StaffUserView,
  type TestDifference,
} from '../contracts/index.ts';
import type { Assessment, AssessmentChange, Attempt, ChallengeRecord, Invite, StaffUser, Submission } from '../store/index.ts';
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
    challenges: assessment.challenges.map((c) => ({ position: c.position, challengeId: c.challengeId, challengeVersionId: c.challengeVersionId, version: c.version, title: c.title })),
    timeLimitMinutes: assessment.timeLimitMinutes,
    opensAt: assessment.opensAt.toISOString(),
    closesAt: assessment.closesAt.toISOString(),
    resultsVisibility: assessment.resultsVisibility,
    interfaceLanguages: assessment.interfaceLanguages as AssessmentView['interfaceLanguages'],
    secondLanguagePercent: assessment.secondLanguagePercent,
    anonymousReview: assessment.anonymousReview,
    running: assessment.hasAttempts,
    createdAt: assessment.createdAt.toISOString(),
  };
}

export function toAssessmentChangeView(change: AssessmentChange): AssessmentChangeView {
  return {
    id: change.id,
    kind: change.kind,
    by: change.staffName,
    at: change.at.toISOString(),
    copiedFrom: change.copiedFrom,
    changes: change.changes as AssessmentChangeView['changes'],
  };
}

/** A stored language code as the contract's enumeration (the API only ever stores one of them). */
export function inviteLanguage(code: string | null): InviteLanguage | null {
  return code !== null && (INVITE_LANGUAGES as readonly string[]).includes(code) ? (code as InviteLanguage) : null;
}

export function toInviteView(invite: Invite, attempt: Attempt | undefined, now: Date): InviteView {
  const status = invite.revokedAt ? 'revoked' : attemptStatus(attempt, now);
  return {
    id: invite.id,
    assessmentId: invite.assessmentId,
    shortCode: invite.shortCode,
    candidateName: invite.candidateName,
    contact: invite.contact,
    preferredLanguage: inviteLanguage(invite.preferredLanguage),
    extraMinutes: invite.extraMinutes,
    expiresAt: invite.expiresAt?.toISOString() ?? null,
    linkAvailable: invite.linkAvailable,
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
    origin: submission.origin,
    language: submission.language,
    source: submission.source,
    customInput: submission.customInput,
    status: submission.status,
    tries: submission.tries,
    error: submission.error,
    createdAt: submission.createdAt.toISOString(),
    finishedAt: submission.finishedAt?.toISOString() ?? null,
    result: parsed.success ? parsed.data : null,
    differences: storedDifferences(submission.differences),
  };
}

/** What the judge stored, read back through the contract; anything unreadable is left out rather than guessed. */
function storedDifferences(stored: unknown): TestDifference[] {
  const parsed = z.array(testDifferenceSchema).safeParse(stored ?? []);
  return parsed.success ? parsed.data : [];
}

/**
 * One line per candidate. The score is the sum of each task's counted score
 * (`countedTotal`: the best judged submission), the rule the candidate is told.
 */
export function toAttemptSummary(attempt: Attempt, invite: Pick<Invite, 'candidateName'> | undefined, submissions: Submission[], now: Date): AttemptSummary {
  const submitted = submissions.filter((submission) => submission.kind === 'submit');
  return {
    id: attempt.id,
    inviteId: attempt.inviteId,
    candidateName: invite?.candidateName ?? null,
    status: attemptStatus(attempt, now),
    startedAt: attempt.startedAt.toISOString(),
    deadlineAt: attempt.deadlineAt.toISOString(),
    finishedAt: attempt.finishedAt?.toISOString() ?? null,
    score: countedTotal(submitted.map((s) => ({ challengeVersionId: s.challengeVersionId, kind: s.kind, score: judgedScore(s) }))),
    submissions: submitted.length,
    languages: [...new Set(submitted.map((s) => s.language))],
  };
}

/** A submission's score once judged; undefined while it waits or when it could not be judged. */
function judgedScore(submission: Submission): number | undefined {
  if (submission.status !== 'done') return undefined;
  const parsed = judgeResultSchema.safeParse(submission.result);
  return parsed.success ? parsed.data.score : undefined;
}
