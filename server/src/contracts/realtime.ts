import { z } from 'zod';
import {
  attemptStatusSchema,
  attemptSummarySchema,
  candidateSubmissionSchema,
  draftAckSchema,
  draftSchema,
  idSchema,
  isoTimeSchema,
  saveDraftBodySchema,
  submissionKindSchema,
} from './api.ts';
import { languageIdSchema } from './judging.ts';
import { MAX_SOURCE_BYTES } from './plain.ts';
import { verdictSchema } from './verdicts.ts';

/**
 * socket.io events, both directions. The server parses every payload a
 * client sends with these; the client parses what the server sends.
 *
 * A candidate's socket is in its attempt's room only; a staff socket is in
 * the rooms of the assessments it asked to watch (after the server checked
 * they are its organisation's).
 */

/**
 * Every acknowledgement: ok with a value, or an error like the HTTP API's
 * (with the stored draft when a save was stale, and when to try again when
 * it was rate limited).
 */
const ackError = z.object({ code: z.string(), message: z.string() });
export const ackSchema = <T extends z.ZodType>(value: T) =>
  z.union([
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ackError, current: draftSchema.optional(), retryAfterMs: z.number().int().nonnegative().optional() }),
  ]);

// Client → server --------------------------------------------------------------

export const pastedEventSchema = z.strictObject({
  challengeVersionId: idSchema,
  language: languageIdSchema,
  chars: z.number().int().min(1).max(MAX_SOURCE_BYTES),
});
export type PastedEvent = z.infer<typeof pastedEventSchema>;

export const clientEvents = {
  /** Candidate: saves a draft; the ack carries the saved revision or the stored draft when this one was stale. */
  'draft:save': { payload: saveDraftBodySchema, ack: ackSchema(draftAckSchema) },
  /**
   * Candidate: the editor saw a paste of `chars` characters into this draft. Recorded in the replay
   * history (the paste's text arrives with the next draft save); what the candidate's own page says, so
   * evidence for a reader of the replay, never a verdict.
   */
  'editor:pasted': { payload: pastedEventSchema, ack: ackSchema(z.object({})) },
  /** Candidate: asks for the timer and every submission's state again (after a reconnect the server sends them unasked too). */
  'attempt:sync': { payload: z.strictObject({}), ack: ackSchema(z.object({ submissions: z.number().int() })) },
  /** Staff: live updates for one assessment of their organisation. */
  'assessment:watch': { payload: z.strictObject({ assessmentId: idSchema }), ack: ackSchema(z.object({ attempts: z.number().int() })) },
  'assessment:unwatch': { payload: z.strictObject({ assessmentId: idSchema }), ack: ackSchema(z.object({})) },
} as const;
export type ClientEventName = keyof typeof clientEvents;
export const CLIENT_EVENT_NAMES = Object.keys(clientEvents) as ClientEventName[];

// Server → client --------------------------------------------------------------

/** The attempt's clock as the server sees it; sent on connect and every few seconds. */
export const timerEventSchema = z.object({
  serverNow: isoTimeSchema,
  deadlineAt: isoTimeSchema.nullable(),
  remainingMs: z.number().int().nullable(),
  status: attemptStatusSchema,
});
export type TimerEvent = z.infer<typeof timerEventSchema>;

/**
 * Progress of one submission, candidate-safe. Samples and custom input (the
 * candidate's own data) are live: "test `index` of `total`", then that test's
 * verdict. Hidden tests (`submit`) arrive only on a fixed tick of at least a
 * second, as the count of `finished` tests, never the moment one finished and
 * never which one (docs/security.md, "Timing"). The last event of a run
 * carries the submission with its result.
 */
export const progressEventSchema = z.object({
  submissionId: idSchema,
  kind: submissionKindSchema,
  stage: z.enum(['queued', 'compiling', 'testing', 'retrying', 'done', 'failed']),
  position: z.number().int().nullable().optional(),
  /** Samples and custom input: the test running or just judged. */
  index: z.number().int().optional(),
  /** Hidden tests: how many have finished, as of the last tick. */
  finished: z.number().int().optional(),
  total: z.number().int().optional(),
  /** Only for samples and custom input. */
  verdict: verdictSchema.optional(),
  submission: candidateSubmissionSchema.optional(),
});
export type ProgressEvent = z.infer<typeof progressEventSchema>;

/** Staff: a candidate of a watched assessment changed state. */
export const attemptChangedSchema = z.object({
  assessmentId: idSchema,
  attempt: attemptSummarySchema,
  /** What happened: an event kind of the attempt log, or `scored`. */
  change: z.string(),
});
export type AttemptChanged = z.infer<typeof attemptChangedSchema>;

export const serverEvents = {
  timer: timerEventSchema,
  'submission:progress': progressEventSchema,
  'draft:saved': draftAckSchema,
  'attempt:changed': attemptChangedSchema,
} as const;
export type ServerEventName = keyof typeof serverEvents;
