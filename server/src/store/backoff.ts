export interface BackoffOptions {
  /** Delay after the first failed try. */
  baseMs: number;
  /** The delay never grows beyond this. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, maxMs: 60_000 };

/**
 * When a job that failed its `tries`-th try may run again: base · 2^(tries−1),
 * capped. Deterministic; the queue's ordering spreads the retries.
 *
 * @example retryAt(now, 1) // now + 2 s; retryAt(now, 3) // now + 8 s
 */
export function retryAt(now: Date, tries: number, options: BackoffOptions = DEFAULT_BACKOFF): Date {
  const exponent = Math.max(0, Math.min(tries - 1, 30));
  return new Date(now.getTime() + Math.min(options.maxMs, options.baseMs * 2 ** exponent));
}
