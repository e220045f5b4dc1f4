import { z } from 'zod';
import { languageIdSchema } from './judging.ts';

/**
 * `GET /api/assessments/:assessmentId/similarity`: per challenge, the pairs
 * of candidates whose final code (last submission) is unusually alike, with
 * the matching regions as line ranges in each file. Evidence for a person to
 * look at, never a verdict.
 */

const lineRangeSchema = z.object({ fromLine: z.number().int().min(1), toLine: z.number().int().min(1) });

export const similarityPartySchema = z.object({
  attemptId: z.string(),
  /** Filled in one place on the server (routes/similarity.ts, `partyOf`), so a redaction can hide it there. */
  candidateName: z.string().nullable(),
  language: languageIdSchema,
  submissionId: z.string(),
});

export const similarityPairSchema = z.object({
  a: similarityPartySchema,
  b: similarityPartySchema,
  /** The smaller of the two shares: how much of each program is the shared part, at least. 0–1. */
  score: z.number().min(0).max(1),
  /** Shared fingerprints / a's (b's) fingerprints, starter code and common idioms left out. */
  aShare: z.number().min(0).max(1),
  bShare: z.number().min(0).max(1),
  regions: z.array(z.object({ a: lineRangeSchema, b: lineRangeSchema })),
});

export const similarityChallengeSchema = z.object({
  challengeId: z.string(),
  challengeVersionId: z.string(),
  title: z.string(),
  /** Final codes compared (one per candidate who submitted). */
  compared: z.number().int().min(0),
  /** Highest score first, at most `maxPairs`. */
  pairs: z.array(similarityPairSchema),
});

export const similarityReportSchema = z.object({
  assessmentId: z.string(),
  /** Pairs are listed from this score on. */
  threshold: z.number(),
  maxPairs: z.number().int(),
  challenges: z.array(similarityChallengeSchema),
});

export type SimilarityParty = z.infer<typeof similarityPartySchema>;
export type SimilarityPair = z.infer<typeof similarityPairSchema>;
export type SimilarityChallenge = z.infer<typeof similarityChallengeSchema>;
export type SimilarityReport = z.infer<typeof similarityReportSchema>;
