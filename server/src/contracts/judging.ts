import { z } from 'zod';
import { LANGUAGE_IDS } from './plain.ts';
import { judgedVerdictSchema } from './verdicts.ts';

export const languageIdSchema = z.enum(LANGUAGE_IDS);
export type LanguageId = z.infer<typeof languageIdSchema>;

/** What a run printed, kept only for samples and custom input: the candidate's own data. */
export const runOutputSchema = z.object({
  stdout: z.string(),
  stderr: z.string(),
  exitCode: z.number().int().nullable(),
  /** True when a stream was cut to the shown size. */
  truncated: z.boolean(),
  /**
   * A function-signature challenge's run: `stdout` is the returned value as
   * formatted JSON (empty when none was read), `printed` what the program
   * printed besides, and `resultProblem` why no value could be read.
   */
  printed: z.string().optional(),
  resultProblem: z.string().optional(),
});
export type RunOutput = z.infer<typeof runOutputSchema>;

/** One hidden or sample test as the judge reports it. */
export const testResultSchema = z.object({
  id: z.string(),
  group: z.string(),
  verdict: judgedVerdictSchema,
  timeMs: z.number().int().nonnegative(),
  memoryKb: z.number().int().nonnegative(),
  /** Only when the caller asked for output (samples, custom input); never for hidden tests. */
  output: runOutputSchema.optional(),
});
export type TestResult = z.infer<typeof testResultSchema>;

/**
 * Where a hidden test's rejected output first parts from the answer: the line
 * (the answer's, or the output's where the answer ended) and an excerpt of
 * each, null where that text had ended. It quotes the hidden answer, so it is
 * kept apart from the result, in staff views only, never in a candidate's.
 */
export const testDifferenceSchema = z.object({
  testId: z.string(),
  line: z.number().int().positive(),
  expected: z.string().nullable(),
  got: z.string().nullable(),
});
export type TestDifference = z.infer<typeof testDifferenceSchema>;

export const groupResultSchema = z.object({
  id: z.string(),
  points: z.number().nonnegative(),
  earned: z.number().nonnegative(),
});
export type GroupResult = z.infer<typeof groupResultSchema>;

/**
 * The result of a submission that was judged: its programs ran (or failed to
 * compile) and produced outputs, so it has a verdict. A run our
 * infrastructure could not finish has no result at all (see the judge's
 * `JudgeOutcome`), never a `system_error` one. `compileOutput` is the
 * compiler's own text (the candidate's source is theirs to see); run output
 * of hidden tests is never part of it.
 */
export const judgeResultSchema = z.object({
  verdict: judgedVerdictSchema,
  score: z.number().int().min(0).max(100),
  tests: z.array(testResultSchema),
  groups: z.array(groupResultSchema),
  compileOutput: z.string().optional(),
});
export type JudgeResult = z.infer<typeof judgeResultSchema>;

/**
 * Progress of one judging run, in the order they happen: `compiling`, then per
 * test `testing` before its `test_done` (tests start in judging order; tests on
 * different boxes interleave), then `done`. `index` is the test's position.
 * A run that is stopped or that our infrastructure fails simply ends: no
 * `done`, and no event at all after the stop.
 */
export const judgeEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('queued'), position: z.number().int().nonnegative().optional() }),
  z.object({ type: z.literal('compiling') }),
  z.object({
    type: z.literal('testing'),
    index: z.number().int().positive(),
    total: z.number().int().positive(),
  }),
  z.object({
    type: z.literal('test_done'),
    index: z.number().int().positive(),
    total: z.number().int().positive(),
    verdict: judgedVerdictSchema,
  }),
  /**
   * No longer emitted: the judge does not retry inside (the queue does, and a
   * re-queued submission shows as `queued`). Kept so the wire format and the
   * live layer that still names it stay valid; drop it with that case.
   */
  z.object({ type: z.literal('retrying'), attempt: z.number().int().positive(), reason: z.string() }),
  z.object({ type: z.literal('done'), result: judgeResultSchema }),
]);
export type JudgeEvent = z.infer<typeof judgeEventSchema>;
