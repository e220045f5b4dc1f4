import { z } from 'zod';
import { idSchema, isoTimeSchema, resultsVisibilitySchema } from './api.ts';
import { INTERFACE_LANGUAGES } from './plain.ts';

/**
 * Assessments: what staff read and send to build, change and copy them, and
 * the record of their changes. Tasks are challenge versions, pinned: a new
 * version of a challenge never changes an assessment that lists an older one.
 */

export const interfaceLanguageSchema = z.enum(INTERFACE_LANGUAGES);

export const assessmentViewSchema = z.object({
  id: idSchema,
  title: z.string(),
  challenges: z.array(
    z.object({ position: z.number().int(), challengeId: idSchema, challengeVersionId: idSchema, version: z.number().int(), title: z.string() }),
  ),
  timeLimitMinutes: z.number().int(),
  opensAt: isoTimeSchema,
  closesAt: isoTimeSchema,
  resultsVisibility: resultsVisibilitySchema,
  interfaceLanguages: z.array(interfaceLanguageSchema),
  /** Extra time in percent of the limit for a candidate who reads a task in a language other than their first; 0 = off. */
  secondLanguagePercent: z.number().int(),
  /** Anonymous review: staff see "Candidate 7" instead of a name and contact until a recruiter reveals that candidate. */
  anonymousReview: z.boolean(),
  /** A candidate has started: only safe changes are taken (title, a later close, more interface languages). */
  running: z.boolean(),
  createdAt: isoTimeSchema,
});
export type AssessmentView = z.infer<typeof assessmentViewSchema>;
export const assessmentListSchema = z.object({ assessments: z.array(assessmentViewSchema) });

const assessmentFields = {
  title: z.string().trim().min(1).max(200),
  timeLimitMinutes: z.number().int().min(1).max(24 * 60),
  opensAt: isoTimeSchema,
  closesAt: isoTimeSchema,
  resultsVisibility: resultsVisibilitySchema,
  interfaceLanguages: z.array(interfaceLanguageSchema).min(1).max(INTERFACE_LANGUAGES.length),
  secondLanguagePercent: z.number().int().min(0).max(100),
  anonymousReview: z.boolean(),
};
const taskList = z.array(idSchema).min(1).max(20);
const windowIsOrdered = (body: { opensAt?: string; closesAt?: string }) =>
  body.opensAt === undefined || body.closesAt === undefined || Date.parse(body.closesAt) > Date.parse(body.opensAt);
const noneTwice = (ids: string[] | undefined) => ids === undefined || new Set(ids).size === ids.length;
const languagesOnce = (body: { interfaceLanguages?: string[] }) => noneTwice(body.interfaceLanguages);

/**
 * `challengeVersionIds` pins those versions, in the candidate's order;
 * `challengeIds` (the older form) pins each challenge's newest version now.
 * Exactly one of the two. Interface languages default to all, the
 * second-language extra time to 25 %.
 */
export const createAssessmentBodySchema = z
  .strictObject({
    ...assessmentFields,
    interfaceLanguages: assessmentFields.interfaceLanguages.optional(),
    secondLanguagePercent: assessmentFields.secondLanguagePercent.optional(),
    anonymousReview: assessmentFields.anonymousReview.optional(),
    challengeVersionIds: taskList.optional(),
    challengeIds: taskList.optional(),
  })
  .refine((body) => (body.challengeVersionIds === undefined) !== (body.challengeIds === undefined), {
    message: 'Send challengeVersionIds (or challengeIds), not both',
    path: ['challengeVersionIds'],
  })
  .refine((body) => noneTwice(body.challengeVersionIds), { message: 'A challenge version is listed twice', path: ['challengeVersionIds'] })
  .refine((body) => noneTwice(body.challengeIds), { message: 'A challenge is listed twice', path: ['challengeIds'] })
  .refine(languagesOnce, { message: 'A language is listed twice', path: ['interfaceLanguages'] })
  .refine(windowIsOrdered, { message: 'closesAt must be after opensAt', path: ['closesAt'] });
export type CreateAssessmentBody = z.infer<typeof createAssessmentBodySchema>;

/** Any of the settings; once a candidate has started, only safe changes (else 409 assessment_running). */
export const updateAssessmentBodySchema = z
  .strictObject({
    title: assessmentFields.title.optional(),
    challengeVersionIds: taskList.optional(),
    timeLimitMinutes: assessmentFields.timeLimitMinutes.optional(),
    opensAt: isoTimeSchema.optional(),
    closesAt: isoTimeSchema.optional(),
    resultsVisibility: resultsVisibilitySchema.optional(),
    interfaceLanguages: assessmentFields.interfaceLanguages.optional(),
    secondLanguagePercent: assessmentFields.secondLanguagePercent.optional(),
    anonymousReview: assessmentFields.anonymousReview.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Nothing to change' })
  .refine((body) => noneTwice(body.challengeVersionIds), { message: 'A challenge version is listed twice', path: ['challengeVersionIds'] })
  .refine(languagesOnce, { message: 'A language is listed twice', path: ['interfaceLanguages'] })
  .refine(windowIsOrdered, { message: 'closesAt must be after opensAt', path: ['closesAt'] });
export type UpdateAssessmentBody = z.infer<typeof updateAssessmentBodySchema>;

/** Next month's round: the same versions and settings under a new title and window, without invites. */
export const duplicateAssessmentBodySchema = z
  .strictObject({ title: assessmentFields.title, opensAt: isoTimeSchema, closesAt: isoTimeSchema })
  .refine(windowIsOrdered, { message: 'closesAt must be after opensAt', path: ['closesAt'] });
export type DuplicateAssessmentBody = z.infer<typeof duplicateAssessmentBodySchema>;

export const ASSESSMENT_SETTING_NAMES = [
  'title',
  'challengeVersionIds',
  'timeLimitMinutes',
  'opensAt',
  'closesAt',
  'resultsVisibility',
  'interfaceLanguages',
  'secondLanguagePercent',
  'anonymousReview',
] as const;
export type AssessmentSettingName = (typeof ASSESSMENT_SETTING_NAMES)[number];

export const assessmentChangeViewSchema = z.object({
  id: idSchema,
  kind: z.enum(['created', 'updated']),
  /** Who made it; null when the server did (the demo seed). */
  by: z.string().nullable(),
  at: isoTimeSchema,
  /** For a duplicate: the assessment it was copied from. */
  copiedFrom: idSchema.nullable(),
  /** What changed, as JSON values (times as ISO strings); a `created` entry lists every setting from null. */
  changes: z.array(z.object({ field: z.enum(ASSESSMENT_SETTING_NAMES), from: z.unknown(), to: z.unknown() })),
});
export type AssessmentChangeView = z.infer<typeof assessmentChangeViewSchema>;
export const assessmentChangeListSchema = z.object({ changes: z.array(assessmentChangeViewSchema) });

/** The `details` of a 409 assessment_running: the settings that may not change any more. */
export const runningRefusalSchema = z.object({ fields: z.array(z.enum(ASSESSMENT_SETTING_NAMES)) });
