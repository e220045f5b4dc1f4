import { z } from 'zod';
import { idSchema, isoTimeSchema } from './api.ts';
import { languageIdSchema } from './judging.ts';

/**
 * The recruiter's dashboard of one assessment: one row per invite, so
 * candidates who have not started show too. A row's status:
 *  - `invited`: not started yet, and the invite can still be used (not revoked,
 *    its own end and the assessment's close not passed);
 *  - `started`: working now (the attempt is neither finished nor past its deadline);
 *  - `finished`: handed in, or time ran out (the deadline passed);
 *  - `expired`: never started, and can no longer start (the invite's end or the
 *    assessment's close passed);
 *  - `revoked`: the invite was revoked before the candidate started. A revoked
 *    invite whose candidate had started keeps the attempt's status: that work
 *    is still theirs to review.
 * Scores: each task's counted score (the best judged submission, scoring.ts)
 * out of its maximum (100), and the total out of the sum of the maxima.
 */
export const DASHBOARD_STATUSES = ['invited', 'started', 'finished', 'expired', 'revoked'] as const;
export const dashboardStatusSchema = z.enum(DASHBOARD_STATUSES);
export type DashboardStatus = z.infer<typeof dashboardStatusSchema>;

export const REVIEW_NOTE_MAX = 4000;

/** The staff review of one candidate, shared by the organisation's staff who read attempts. */
export const candidateReviewViewSchema = z.object({
  note: z.string(),
  /** 1–5; null when not rated. */
  rating: z.number().int().min(1).max(5).nullable(),
  shortlisted: z.boolean(),
  /** Who saved it last; null when nobody has. */
  updatedBy: z.string().nullable(),
  updatedAt: isoTimeSchema.nullable(),
});
export type CandidateReviewView = z.infer<typeof candidateReviewViewSchema>;

export const reviewBodySchema = z.strictObject({
  note: z.string().max(REVIEW_NOTE_MAX),
  rating: z.number().int().min(1).max(5).nullable(),
  shortlisted: z.boolean(),
});
export type ReviewBody = z.infer<typeof reviewBodySchema>;

export const dashboardRowSchema = z.object({
  inviteId: idSchema,
  attemptId: idSchema.nullable(),
  /** The invite's stable place in the assessment (1, 2, 3… by creation): "Candidate 7" in anonymous review. */
  candidateNumber: z.number().int().min(1),
  /** The name, or "Candidate 7" while anonymous review hides it; null when the invite has none. */
  candidateName: z.string().nullable(),
  /** Null while hidden, or when the invite has none. */
  contact: z.string().nullable(),
  /** Whether name and contact are hidden now (anonymous review, not revealed). */
  hidden: z.boolean(),
  /** Who revealed this candidate in anonymous review, and when; null when nobody did. */
  revealedBy: z.string().nullable(),
  revealedAt: isoTimeSchema.nullable(),
  status: dashboardStatusSchema,
  scores: z.array(z.object({ challengeVersionId: idSchema, score: z.number().int().nullable(), max: z.number().int() })),
  /** Sum of the counted scores (a task without one adds 0), out of `maxTotal`. */
  total: z.number().int(),
  maxTotal: z.number().int(),
  /** Seconds from the start to the hand-in (or to now, or to the deadline); null before the start. */
  secondsUsed: z.number().int().nullable(),
  /** The candidate's time in minutes, extra time included (second-language share, the invite's extra minutes), as the attempt got it or would get it. */
  minutesAllowed: z.number().int(),
  /** The invite's own extra minutes (part of minutesAllowed). */
  extraMinutes: z.number().int(),
  languages: z.array(languageIdSchema),
  startedAt: isoTimeSchema.nullable(),
  finishedAt: isoTimeSchema.nullable(),
  review: candidateReviewViewSchema,
});
export type DashboardRow = z.infer<typeof dashboardRowSchema>;

export const dashboardSchema = z.object({
  assessmentId: idSchema,
  anonymousReview: z.boolean(),
  /** The tasks in the candidate's order, each with its maximum score. */
  challenges: z.array(z.object({ challengeVersionId: idSchema, title: z.string(), max: z.number().int() })),
  maxTotal: z.number().int(),
  rows: z.array(dashboardRowSchema),
});
export type DashboardView = z.infer<typeof dashboardSchema>;
