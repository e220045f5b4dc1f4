import { z } from 'zod';
import { idSchema, isoTimeSchema } from './api.ts';
import { EXPLAIN_LIMITS } from './plain.ts';

/**
 * "Explain your solution" (issue 13): after submitting a challenge whose
 * author asks for it, a candidate answers one or two short questions in
 * their own language; staff read the answers in the report. The questions
 * are stored as they were shown, beside the answers.
 */
export const saveExplanationSchema = z.strictObject({
  challengeVersionId: idSchema,
  /** The candidate's interface language: the questions shown were this language's (or English, or the first). */
  language: z.string().min(2).max(20),
  answers: z.array(z.string().max(EXPLAIN_LIMITS.answerChars)).min(1).max(EXPLAIN_LIMITS.questions),
});
export type SaveExplanation = z.infer<typeof saveExplanationSchema>;

export const explanationViewSchema = z.object({
  challengeVersionId: idSchema,
  language: z.string(),
  questions: z.array(z.string()),
  answers: z.array(z.string()),
  updatedAt: isoTimeSchema,
});
export type ExplanationView = z.infer<typeof explanationViewSchema>;

export const explanationListSchema = z.object({ explanations: z.array(explanationViewSchema) });
export type ExplanationList = z.infer<typeof explanationListSchema>;
