/**
 * When a candidate's time runs out, fixed once when the attempt starts (the
 * server's clock decides): the time limit from the start, but no later than
 * the invite's end (the assessment's close, or the invite's own expiry when
 * staff extended it), and then the candidate's own extra time on top of
 * either (the invite's minutes and the second-language share, time-allowed.ts).
 * Extra time is added after the cap so that it is extra at any start time: a
 * candidate who starts late, as others do, still gets more than they do.
 */
export interface DeadlineInput {
  startedAtMs: number;
  timeLimitMinutes: number;
  /** The end of the invite's window (ms). */
  closesAtMs: number;
  extraMinutes: number;
}

const MINUTE_MS = 60_000;

export function attemptDeadline({ startedAtMs, timeLimitMinutes, closesAtMs, extraMinutes }: DeadlineInput): number {
  return Math.min(startedAtMs + timeLimitMinutes * MINUTE_MS, closesAtMs) + extraMinutes * MINUTE_MS;
}
