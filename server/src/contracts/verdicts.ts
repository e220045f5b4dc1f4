import { z } from 'zod';
import { VERDICTS } from './plain.ts';

/** Every verdict Kodbro gives (plain.ts lists them). */
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
