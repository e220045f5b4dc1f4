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
