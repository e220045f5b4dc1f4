import { z } from 'zod';
import { idSchema, isoTimeSchema } from './api.ts';
import { languageIdSchema } from './judging.ts';
import { EXPLAIN_LIMITS, LANGUAGE_IDS, MAX_SOURCE_BYTES, VERDICTS } from './plain.ts';
import { signatureFieldSchema, valueComparisonSchema } from './signature.ts';
import { statementDocSchema } from './statement.ts';
import { verdictSchema } from './verdicts.ts';

/*
 * Challenge drafts: a challenge being written in the browser, as one plain
 * JSON document the server turns into a Kodbro package (the same writer and
 * the same publishing path as an uploaded package). A draft is bounded (the
 * whole request is at most MAX_DRAFT_BYTES); larger test data comes by
 * package upload.
 */

/** A draft's JSON, as sent: bigger test data comes by package upload. */
export const MAX_DRAFT_BYTES = 8 * 1024 * 1024;
/** What one organisation's drafts may hold together: drafts are kept on the server's disk. */
export const ORG_DRAFT_CAPS = { count: 100, bytes: 64 * 1024 * 1024 } as const;
const KB = 1024;

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;
const text = (maxBytes: number) => z.string().max(maxBytes).refine((t) => utf8Bytes(t) <= maxBytes, { message: `At most ${Math.round(maxBytes / KB)} KB` });

/** Lower-case letters, digits and dashes: the package's id, the challenge's slug. */
export const draftSlugSchema = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, { message: 'lower-case letters, digits and dashes, at most 64' });
const localeSchema = z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, { message: 'a BCP 47 tag such as en, sv or fa-AF' });
/** A plain file name: it becomes a file of the package. */
const fileNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, { message: 'a plain file name (letters, digits, dot, dash, underscore)' });

export const draftTestSchema = z.strictObject({
  name: fileNameSchema,
  input: z.string(),
  answer: z.string(),
});
export type DraftTest = z.infer<typeof draftTestSchema>;

export const draftGroupSchema = z.strictObject({
  id: draftSlugSchema,
  points: z.number().int().min(0).max(1000),
  tests: z.array(draftTestSchema).min(1).max(1000),
});

export const draftCheckerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('tokens') }),
  z.strictObject({ type: z.literal('case-insensitive') }),
  z.strictObject({ type: z.literal('exact'), caseSensitive: z.boolean().optional() }),
  z.strictObject({ type: z.literal('float'), absolute: z.number().min(0).max(1e9), relative: z.number().min(0).max(1e9) }),
  z.strictObject({ type: z.literal('custom'), language: languageIdSchema, source: text(MAX_SOURCE_BYTES) }),
  /** A function-signature challenge's: returned values against expected ones. */
  valueComparisonSchema.extend({ type: z.literal('value') }),
]);
export type DraftChecker = z.infer<typeof draftCheckerSchema>;

export const draftSolutionSchema = z.strictObject({
  /** The file name; its extension says the language (accepted.py, Wrong.java). */
  name: fileNameSchema,
  source: text(MAX_SOURCE_BYTES),
  /** Any verdict but system_error, which is ours, never a solution's. */
  expect: z.enum(VERDICTS).exclude(['system_error']),
});
export type DraftSolution = z.infer<typeof draftSolutionSchema>;

const localeRecord = (value: z.ZodType<string>) =>
  z.record(localeSchema, value).refine((r) => Object.keys(r).length <= 20, { message: 'At most 20 languages' });

export const challengeDraftSchema = z.strictObject({
  title: localeRecord(z.string().min(1).max(200)),
  /** Markdown per locale, in the dialect of docs/package-format.md. */
  statements: localeRecord(text(128 * KB)),
  languages: z.array(languageIdSchema).max(LANGUAGE_IDS.length),
  starters: z.partialRecord(languageIdSchema, text(MAX_SOURCE_BYTES)),
  limits: z.strictObject({
    timeMs: z.number().int().positive().max(60_000).optional(),
    memoryMb: z.number().int().positive().max(4096).optional(),
    outputKb: z.number().int().positive().max(64 * KB).optional(),
  }),
  checker: draftCheckerSchema,
  /** The candidate writes this function; tests are then JSON (arguments as an array, the expected value) and starters are generated. */
  signature: signatureFieldSchema.optional(),
  samples: z.array(draftTestSchema).max(100),
  /** Hidden tests in judging order; a group earns its points only when every test passes. */
  groups: z.array(draftGroupSchema).max(100),
  solutions: z.array(draftSolutionSchema).max(20),
  /** "Explain your solution": one or two questions per locale, asked after a candidate submits (none: empty or absent). */
  explain: z.record(localeSchema, z.array(z.string().max(EXPLAIN_LIMITS.questionChars)).max(EXPLAIN_LIMITS.questions)).optional(),
});
export type ChallengeDraft = z.infer<typeof challengeDraftSchema>;

export const createDraftSchema = z.union([
  /** A new challenge (or a new draft for an existing slug); the document defaults to an empty start. */
  z.strictObject({ slug: draftSlugSchema, draft: challengeDraftSchema.optional() }),
  /** A published version's package turned into a draft of its challenge. */
  z.strictObject({ fromVersionId: idSchema }),
]);
export type CreateDraft = z.infer<typeof createDraftSchema>;

export const saveDraftSchema = z.strictObject({
  /** The revision the change was made on: a newer one on the server refuses it (409 conflict). */
  revision: z.number().int().positive(),
  draft: challengeDraftSchema,
});

export const solutionCheckSchema = z.object({
  name: z.string(),
  expect: verdictSchema,
  /** Null while the solution waits or runs. */
  got: verdictSchema.nullable(),
  score: z.number().nullable(),
  samples: verdictSchema.optional(),
  ok: z.boolean().nullable(),
  detail: z.string().optional(),
});
export type SolutionCheckView = z.infer<typeof solutionCheckSchema>;

export const VALIDATION_STATUSES = ['running', 'passed', 'failed', 'error'] as const;
export const draftValidationSchema = z.object({
  /** The draft revision it validated. */
  revision: z.number().int(),
  /** The draft changed since: the validation no longer says anything about it. */
  stale: z.boolean(),
  status: z.enum(VALIDATION_STATUSES),
  startedAt: isoTimeSchema,
  finishedAt: isoTimeSchema.nullable(),
  /** Why the package could not be built or judged (status error), in words. */
  error: z.string().optional(),
  warnings: z.array(z.string()),
  solutions: z.array(solutionCheckSchema),
});
export type DraftValidation = z.infer<typeof draftValidationSchema>;

export const challengeDraftViewSchema = z.object({
  id: idSchema,
  slug: z.string(),
  /** The published challenge of the same slug, if any: publishing adds a version to it. */
  challengeId: idSchema.nullable(),
  revision: z.number().int(),
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
  draft: challengeDraftSchema,
  validation: draftValidationSchema.nullable(),
  /** What converting a published version could not keep (create from a version only). */
  warnings: z.array(z.string()).optional(),
});
export type ChallengeDraftView = z.infer<typeof challengeDraftViewSchema>;

export const draftValidationReplySchema = z.object({ validation: draftValidationSchema.nullable() });

/** One line of the library's list of drafts. */
export const draftSummarySchema = z.object({
  id: idSchema,
  slug: z.string(),
  /** The first title of the draft (English when it has one). */
  title: z.string(),
  challengeId: idSchema.nullable(),
  revision: z.number().int(),
  updatedAt: isoTimeSchema,
  /** The latest validation's status, `stale` when the draft changed since, null when never validated. */
  validation: z.enum([...VALIDATION_STATUSES, 'stale']).nullable(),
});
export type DraftSummary = z.infer<typeof draftSummarySchema>;
export const draftListSchema = z.object({ drafts: z.array(draftSummarySchema) });

/** A statement's Markdown to show as candidates will see it, while it is written. */
export const statementPreviewRequestSchema = z.strictObject({ markdown: text(128 * KB) });
export const statementPreviewSchema = z.object({
  statement: statementDocSchema,
  /** What the candidate's page cannot show as written (left out or shown as text), in words. */
  issues: z.array(z.object({ severity: z.enum(['error', 'warning']), message: z.string() })),
});
export type StatementPreview = z.infer<typeof statementPreviewSchema>;
