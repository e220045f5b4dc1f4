import { z } from 'zod';

/**
 * Every verdict Kodbro gives, in display order. The names are a public
 * contract (CLI `--json`, the API, stored results): never rename one.
 */
export const VERDICTS = [
  'accepted',
  'wrong_answer',
  'time_limit',
  'memory_limit',
  'runtime_error',
  'output_limit',
  'compile_error',
  'system_error',
] as const;

export const verdictSchema = z.enum(VERDICTS);
export type Verdict = z.infer<typeof verdictSchema>;

/**
 * The verdicts a judged run can get. `system_error` is not one of them: when
 * our infrastructure fails there are no outputs to judge, the queue tries
 * again, and after the last try the submission is `failed` (operators read
 * the reason on the submission; the CLI prints `system_error`).
 */
export const judgedVerdictSchema = verdictSchema.exclude(['system_error']);
export type JudgedVerdict = z.infer<typeof judgedVerdictSchema>;
