import { z } from 'zod';
import { judgeResultSchema, languageIdSchema, runOutputSchema, testDifferenceSchema } from './judging.ts';
import { signatureFieldSchema } from './signature.ts';
import {
  API_ERROR_CODES,
  ATTEMPT_EVENT_KIND_VALUES,
  ATTEMPT_STATUSES,
  MAX_CUSTOM_INPUT_BYTES,
  MAX_SOURCE_BYTES,
  RESULTS_VISIBILITIES,
  SCORING_RULES,
  SUBMISSION_KIND_VALUES,
  SUBMISSION_ORIGIN_VALUES,
  SUBMISSION_STATUS_VALUES,
} from './plain.ts';
import { statementDocSchema } from './statement.ts';
import { verdictSchema } from './verdicts.ts';

/**
 * Every HTTP body, query and response of `/api`, shared by the server (which
 * parses with them and generates the OpenAPI document from them) and the
 * client (its types; the browser takes the answers as the server parsed
 * them). Times travel as ISO-8601 strings in UTC. The enumerations and size
 * caps are in plain.ts.
 */

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;
const boundedText = (maxBytes: number) =>
  z.string().max(maxBytes).refine((text) => utf8Bytes(text) <= maxBytes, { message: `At most ${maxBytes / 1024} KB` });

export const idSchema = z.uuid();
export const isoTimeSchema = z.iso.datetime({ offset: true });

// Errors ---------------------------------------------------------------------

export const apiErrorCodeSchema = z.enum(API_ERROR_CODES);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: apiErrorCodeSchema,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

// Health ---------------------------------------------------------------------

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  /** web: serves and judges nothing (its docker is false); worker: judges; all: both. */
  role: z.enum(['web', 'worker', 'all']),
  store: z.boolean(),
  docker: z.boolean(),
  queue: z.object({ queued: z.number().int(), delayed: z.number().int(), running: z.number().int() }),
  workers: z.number().int(),
  /** The longest delay of this process's event loop over the last 30 to 60 s, in ms: a stall shows here even when the answer itself was quick. */
  eventLoopDelayMs: z.number().nonnegative(),
  version: z.string(),
});
export type Health = z.infer<typeof healthSchema>;

// Staff ----------------------------------------------------------------------

export const rolesSchema = z.object({ author: z.boolean(), recruiter: z.boolean(), admin: z.boolean() });

export const staffUserViewSchema = z.object({
  id: idSchema,
  email: z.string(),
  displayName: z.string(),
  roles: rolesSchema,
  createdAt: isoTimeSchema,
});
export type StaffUserView = z.infer<typeof staffUserViewSchema>;

export const organisationViewSchema = z.object({ id: idSchema, name: z.string(), slug: z.string() });

/** Lower-case letters, digits and dashes: an organisation's slug. */
export const organisationSlugSchema = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'An organisation slug: lower-case letters, digits and dashes');

export const loginBodySchema = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(1024),
  /** Only when one e-mail address has accounts in several organisations: which one to sign in to. */
  organisation: organisationSlugSchema.optional(),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const staffSessionSchema = z.object({
  user: staffUserViewSchema,
  organisation: organisationViewSchema,
  /** Send as `X-CSRF-Token` with every write. */
  csrfToken: z.string(),
});
export type StaffSession = z.infer<typeof staffSessionSchema>;

export const createStaffBodySchema = z.strictObject({
  email: z.email().max(254),
  displayName: z.string().trim().min(1).max(100),
  /** The first password; the new colleague changes it (a later issue). */
  password: z.string().min(12).max(1024),
  roles: z.strictObject({ author: z.boolean(), recruiter: z.boolean() }),
});
export type CreateStaffBody = z.infer<typeof createStaffBodySchema>;

// The admin's colleague routes (list, invitations, roles, removal) and the welcome link: contracts/staff.ts.

/** `details` of a 409 `organisation_required`: the organisations whose account the password opened. */
export const organisationChoiceSchema = z.object({ organisations: z.array(organisationViewSchema.pick({ name: true, slug: true })) });
export type OrganisationChoice = z.infer<typeof organisationChoiceSchema>;

// Challenges -----------------------------------------------------------------

export const challengeMetaSchema = z.object({
  title: z.record(z.string(), z.string()),
  /** Locales with a statement; absent in versions published before it was recorded (their title locales stand in). */
  statementLanguages: z.array(z.string()).optional(),
  languages: z.array(languageIdSchema),
  limits: z.object({ timeMs: z.number().optional(), memoryMb: z.number().optional(), outputKb: z.number().optional() }),
  checker: z.enum(['tokens', 'exact', 'value', 'custom', 'interactor']),
  samples: z.number().int(),
  hiddenTests: z.number().int(),
  groups: z.array(z.object({ id: z.string(), points: z.number(), tests: z.number().int() })),
});
export type ChallengeMeta = z.infer<typeof challengeMetaSchema>;

export const challengeVersionViewSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  contentHash: z.string(),
  createdAt: isoTimeSchema,
});

export const challengeSummarySchema = z.object({
  id: idSchema,
  slug: z.string(),
  title: z.string(),
  latestVersion: z.number().int(),
  latestVersionId: idSchema,
  meta: challengeMetaSchema,
  updatedAt: isoTimeSchema,
});
export type ChallengeSummary = z.infer<typeof challengeSummarySchema>;

export const challengeListSchema = z.object({ challenges: z.array(challengeSummarySchema) });
export const challengeDetailSchema = challengeSummarySchema.extend({ versions: z.array(challengeVersionViewSchema) });
export type ChallengeDetail = z.infer<typeof challengeDetailSchema>;

export const publishedChallengeSchema = z.object({
  challenge: challengeSummarySchema,
  version: challengeVersionViewSchema,
  /** False when the newest version already held the same package. */
  created: z.boolean(),
  warnings: z.array(z.string()),
});

// Assessments and invites ------------------------------------------------------

export const resultsVisibilitySchema = z.enum(RESULTS_VISIBILITIES);

// Assessments: assessments.ts. Invites: invites.ts.

// Results ----------------------------------------------------------------------

/**
 * A result as a candidate may see it. Hidden tests appear only as aggregates
 * (the verdict, the score, passed counts per group), and only as far as the
 * assessment's visibility allows; per-test lines are for samples and custom
 * input, whose data the candidate already has.
 */
export const candidateResultSchema = z.object({
  verdict: verdictSchema.optional(),
  score: z.number().int().optional(),
  compileOutput: z.string().optional(),
  groups: z.array(z.object({ id: z.string(), points: z.number(), earned: z.number(), passed: z.number().int(), total: z.number().int() })).optional(),
  tests: z
    .array(
      z.object({
        id: z.string(),
        verdict: verdictSchema,
        timeMs: z.number().int(),
        memoryKb: z.number().int(),
        input: z.string().optional(),
        expected: z.string().optional(),
        output: runOutputSchema.optional(),
      }),
    )
    .optional(),
  /** True when the run could not be judged for the system's reasons (never the candidate's). */
  systemFailure: z.boolean().optional(),
});
export type CandidateResult = z.infer<typeof candidateResultSchema>;

export const submissionKindSchema = z.enum(SUBMISSION_KIND_VALUES);
export const submissionStatusSchema = z.enum(SUBMISSION_STATUS_VALUES);
/** Who made a submission (plain.ts says when the server does). */
export const submissionOriginSchema = z.enum(SUBMISSION_ORIGIN_VALUES);
export type SubmissionOrigin = z.infer<typeof submissionOriginSchema>;

export const candidateSubmissionSchema = z.object({
  id: idSchema,
  challengeVersionId: idSchema,
  kind: submissionKindSchema,
  origin: submissionOriginSchema,
  language: languageIdSchema,
  status: submissionStatusSchema,
  /** Jobs ahead of this one while it is queued (0 = next). */
  queuePosition: z.number().int().nullable(),
  createdAt: isoTimeSchema,
  finishedAt: isoTimeSchema.nullable(),
  result: candidateResultSchema.nullable(),
});
export type CandidateSubmission = z.infer<typeof candidateSubmissionSchema>;
export const candidateSubmissionListSchema = z.object({ submissions: z.array(candidateSubmissionSchema) });

/** Staff see everything the judge recorded. */
export const staffSubmissionSchema = z.object({
  id: idSchema,
  challengeVersionId: idSchema,
  kind: submissionKindSchema,
  origin: submissionOriginSchema,
  language: languageIdSchema,
  source: z.string(),
  customInput: z.string().nullable(),
  status: submissionStatusSchema,
  tries: z.number().int(),
  error: z.string().nullable(),
  createdAt: isoTimeSchema,
  finishedAt: isoTimeSchema.nullable(),
  result: judgeResultSchema.nullable(),
  /** Hidden tests' first differing lines (staff only: they quote hidden answers). */
  differences: z.array(testDifferenceSchema),
});
export type StaffSubmission = z.infer<typeof staffSubmissionSchema>;

// Attempts -------------------------------------------------------------------

export const attemptStatusSchema = z.enum(ATTEMPT_STATUSES);

export const draftSchema = z.object({
  challengeVersionId: idSchema,
  language: languageIdSchema,
  source: z.string(),
  revision: z.number().int(),
  updatedAt: isoTimeSchema,
});
export type DraftView = z.infer<typeof draftSchema>;

export const saveDraftBodySchema = z.strictObject({
  challengeVersionId: idSchema,
  language: languageIdSchema,
  source: boundedText(MAX_SOURCE_BYTES),
  revision: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});
export type SaveDraftBody = z.infer<typeof saveDraftBodySchema>;

export const draftAckSchema = z.object({
  challengeVersionId: idSchema,
  language: languageIdSchema,
  revision: z.number().int(),
  savedAt: isoTimeSchema,
});
export type DraftAck = z.infer<typeof draftAckSchema>;

export const createSubmissionBodySchema = z
  .strictObject({
    /** The client's UUID: sending the same one again returns the first submission. */
    id: idSchema,
    challengeVersionId: idSchema,
    kind: submissionKindSchema,
    language: languageIdSchema,
    source: boundedText(MAX_SOURCE_BYTES),
    customInput: boundedText(MAX_CUSTOM_INPUT_BYTES).optional(),
  })
  .refine((body) => (body.kind === 'custom') === (body.customInput !== undefined), {
    message: 'customInput is required for kind "custom" and refused otherwise',
    path: ['customInput'],
  });
export type CreateSubmissionBody = z.infer<typeof createSubmissionBodySchema>;

export const candidateSessionBodySchema = z.union([
  z.strictObject({ token: z.string().min(16).max(128) }),
  z.strictObject({ code: z.string().min(1).max(32) }),
]);
export type CandidateSessionBody = z.infer<typeof candidateSessionBodySchema>;

export const candidateAttemptSchema = z.object({
  assessment: z.object({
    title: z.string(),
    timeLimitMinutes: z.number().int(),
    closesAt: isoTimeSchema,
    resultsVisibility: resultsVisibilitySchema,
    /** The interface locales this assessment offers; the language picker shows only these. */
    interfaceLanguages: z.array(z.string()),
    /** Which submission of a task counts (contracts/scoring.ts): staff totals follow the same rule. */
    scoring: z.enum(SCORING_RULES),
    challenges: z.array(
      z.object({
        position: z.number().int(),
        challengeVersionId: idSchema,
        /** The primary title: English, else the package's first. */
        title: z.string(),
        /** Every title the package has, by locale (`en`, `sv`, `ar`…); may be empty for very old versions. */
        titles: z.record(z.string(), z.string()),
        /** The programming languages this task accepts. */
        languages: z.array(languageIdSchema),
      }),
    ),
  }),
  candidateName: z.string().nullable(),
  status: attemptStatusSchema,
  startedAt: isoTimeSchema.nullable(),
  deadlineAt: isoTimeSchema.nullable(),
  finishedAt: isoTimeSchema.nullable(),
  /** The server's clock when this was sent: the client never decides when time is up. */
  serverNow: isoTimeSchema,
  drafts: z.array(draftSchema),
});
export type CandidateAttempt = z.infer<typeof candidateAttemptSchema>;

export const candidateSessionSchema = z.object({ csrfToken: z.string(), attempt: candidateAttemptSchema });
export type CandidateSession = z.infer<typeof candidateSessionSchema>;

export const candidateChallengeSchema = z.object({
  challengeVersionId: idSchema,
  title: z.record(z.string(), z.string()),
  /** Per locale, the statement as a tree of allowed elements (contracts/statement.ts). */
  statements: z.record(z.string(), statementDocSchema),
  languages: z.array(languageIdSchema),
  starters: z.record(z.string(), z.string()),
  /** The program talks with an interactor: no custom input, and the samples are transcripts. */
  interactive: z.boolean(),
  /**
   * A function-signature challenge's function: the candidate writes it, and
   * samples and custom input are its arguments as JSON (an array, one value
   * per parameter), answers its return value as JSON.
   */
  signature: signatureFieldSchema.optional(),
  /** `interaction`: an interactive sample's exchange (Kattis `.interaction`): `>` lines the program writes, `<` lines it reads. */
  samples: z.array(z.object({ id: z.string(), input: z.string(), answer: z.string(), interaction: z.string().optional() })),
  limits: z.object({ timeMs: z.number().int(), memoryMb: z.number().int() }),
  /** "Explain your solution": the questions per locale, asked after a submission (empty: none). */
  explain: z.record(z.string(), z.array(z.string())),
});
export type CandidateChallenge = z.infer<typeof candidateChallengeSchema>;

/**
 * One save in the replay history (`draft_saved` events). The first save of a
 * draft, and every few minutes or edits after that, is a snapshot of the
 * whole text (so a replay can seek); the saves between are one replaced span
 * relative to the revision `base` before them: the text from UTF-16 index
 * `at`, `remove` code units long, becomes `insert`. Events written before
 * edits existed are all snapshots.
 */
const draftRefFields = { challengeVersionId: idSchema, language: languageIdSchema, revision: z.number().int() };
export const draftEditSchema = z.object({ at: z.number().int().nonnegative(), remove: z.number().int().nonnegative(), insert: z.string() });
export type DraftEdit = z.infer<typeof draftEditSchema>;
export const draftSnapshotDataSchema = z.object({ ...draftRefFields, source: z.string() });
export const draftEditDataSchema = z.object({ ...draftRefFields, base: z.number().int(), edit: draftEditSchema });
export const draftSavedDataSchema = z.union([draftSnapshotDataSchema, draftEditDataSchema]);
export type DraftSavedData = z.infer<typeof draftSavedDataSchema>;

export const attemptSummarySchema = z.object({
  id: idSchema,
  inviteId: idSchema,
  candidateName: z.string().nullable(),
  status: attemptStatusSchema,
  startedAt: isoTimeSchema,
  deadlineAt: isoTimeSchema,
  finishedAt: isoTimeSchema.nullable(),
  /** Sum over challenges of each one's counted score (`countedScore`: the best judged submission), 0–100 each. */
  score: z.number().int(),
  submissions: z.number().int(),
  languages: z.array(languageIdSchema),
});
export type AttemptSummary = z.infer<typeof attemptSummarySchema>;
export const attemptListSchema = z.object({ attempts: z.array(attemptSummarySchema) });

export const attemptEventViewSchema = z.object({ seq: z.number().int(), kind: z.enum(ATTEMPT_EVENT_KIND_VALUES), at: isoTimeSchema, data: z.unknown() });
export type AttemptEventView = z.infer<typeof attemptEventViewSchema>;

/**
 * Pages of an attempt's submissions and events, oldest first, each bounded in
 * count and in bytes (one submission alone may hold 256 KB of source). `next`
 * is the `after` of the following page, or null on the last one.
 */
export const pageQuerySchema = (maxLimit: number) =>
  z.strictObject({
    after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.coerce.number().int().min(1).max(maxLimit).optional(),
  });
export const attemptEventPageSchema = z.object({ events: z.array(attemptEventViewSchema), next: z.number().int().nullable() });
export type AttemptEventPage = z.infer<typeof attemptEventPageSchema>;
export const attemptSubmissionPageSchema = z.object({ submissions: z.array(staffSubmissionSchema), next: z.number().int().nullable() });
export type AttemptSubmissionPage = z.infer<typeof attemptSubmissionPageSchema>;

/** The summary, the drafts, and the first page of submissions and of events; read on with `…/submissions?after=` and `…/events?after=`. */
export const attemptDetailSchema = z.object({
  attempt: attemptSummarySchema,
  assessmentId: idSchema,
  drafts: z.array(draftSchema),
  submissions: z.array(staffSubmissionSchema),
  submissionsNext: z.number().int().nullable(),
  events: z.array(attemptEventViewSchema),
  eventsNext: z.number().int().nullable(),
});
export type AttemptDetail = z.infer<typeof attemptDetailSchema>;

export const okSchema = z.object({ ok: z.literal(true) });
