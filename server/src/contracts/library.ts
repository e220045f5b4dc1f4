import { z } from 'zod';
import { challengeSummarySchema, challengeVersionViewSchema, idSchema, isoTimeSchema } from './api.ts';

/*
 * The challenge library: the organisation's challenges with every version
 * and the assessments that use each, archiving, and export.
 */

/** Which challenges the list shows: in use (the default, what pickers show), archived, or both. */
export const LIBRARY_ARCHIVED = ['false', 'true', 'all'] as const;
export type LibraryArchived = (typeof LIBRARY_ARCHIVED)[number];

export const libraryQuerySchema = z.strictObject({
  /** Part of a title or slug, or a challenge's or version's id; any case. */
  query: z.string().max(200).optional(),
  archived: z.enum(LIBRARY_ARCHIVED).optional(),
});

export const versionUseSchema = z.object({ assessmentId: idSchema, title: z.string() });
export const libraryVersionSchema = challengeVersionViewSchema.extend({ usedBy: z.array(versionUseSchema) });
export type LibraryVersion = z.infer<typeof libraryVersionSchema>;

export const libraryChallengeSchema = challengeSummarySchema.extend({
  archivedAt: isoTimeSchema.nullable(),
  /** Oldest first. */
  versions: z.array(libraryVersionSchema),
});
export type LibraryChallenge = z.infer<typeof libraryChallengeSchema>;

export const challengeLibrarySchema = z.object({ challenges: z.array(libraryChallengeSchema) });
export type ChallengeLibrary = z.infer<typeof challengeLibrarySchema>;

