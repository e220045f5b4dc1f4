/** A token bucket as it is kept on a row: tokens left, and when they were counted. */
export interface Bucket {
  tokens: number;
  at: number;
}

export interface BucketRule {
  /** Tokens a full bucket holds: how many actions may come at once. */
  burst: number;
  /** Tokens added per minute, up to `burst`. */
  perMinute: number;
}

export type Take = { ok: true; bucket: Bucket } | { ok: false; retryAfterMs: number };

/**
 * Takes one token at `now`, refilling first. A bucket never seen (null) is
 * full. A clock that went backwards refills nothing. Pure, so the store can
 * run it inside the transaction that reads and writes the row.
 *
 * @example take(null, now, { burst: 10, perMinute: 60 }) // { ok: true, bucket: { tokens: 9, at: now } }
 */
export function take(bucket: Bucket | null, now: number, rule: BucketRule): Take {
  const perMs = rule.perMinute / 60_000;
  const refilled = bucket === null ? rule.burst : Math.min(rule.burst, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
  if (refilled >= 1) return { ok: true, bucket: { tokens: refilled - 1, at: now } };
  return { ok: false, retryAfterMs: Math.max(1, Math.ceil((1 - refilled) / perMs)) };
}
