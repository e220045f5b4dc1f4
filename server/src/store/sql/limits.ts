import { randomUUID } from 'node:crypto';
import type { Sql } from './db.ts';

/**
 * Rate-limit counters and one-at-a-time locks every server process shares
 * (table shared_limits, migration 0017). Each operation is ONE statement
 * outside `sql.write`: an upsert is atomic on its own (SQLite runs it under
 * the write lock; PostgreSQL's INSERT … ON CONFLICT DO UPDATE locks the row
 * and re-reads it after a concurrent change), so contending processes never
 * fail each other with serialisation errors, and never lose a hit.
 *
 * Keys are the callers' opaque strings; counters and locks use different
 * prefixes, so one row is either (holder NULL) or the other.
 */

/** A sweep runs on every SWEEP_EVERY-th hit or lock of this store connection (the first included). */
const SWEEP_EVERY = 100;
/**
 * Rows one sweep removes at most: more than the rows the calls between two
 * sweeps can add, so expired rows cannot pile up while the work per call stays bounded.
 */
const SWEEP_ROWS = 500;
const calls = new WeakMap<Sql, number>();

/** Sweeps now and then; a failed sweep only waits for the next one (the caller's hit or lock already happened). */
async function sweepNowAndThen(sql: Sql, now: Date): Promise<void> {
  const n = calls.get(sql) ?? 0;
  calls.set(sql, n + 1);
  if (n % SWEEP_EVERY !== 0) return;
  await sweepLimits(sql, now, SWEEP_ROWS).catch(() => undefined);
}

/**
 * One more hit on a fixed-window counter: the window starts at the first hit
 * (or the first after the last window ended) and lasts `windowMs`. Answers the
 * hits in the window, this one included, and when the window ends.
 */
export async function hitLimit(sql: Sql, key: string, windowMs: number, now: Date): Promise<{ count: number; resetAt: Date }> {
  const at = now.getTime();
  const row = await sql.get<{ count: number; expires_at: number }>(
    `INSERT INTO shared_limits (key, count, expires_at, holder) VALUES (?, 1, ?, NULL)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN shared_limits.expires_at <= ? THEN 1 ELSE shared_limits.count + 1 END,
       expires_at = CASE WHEN shared_limits.expires_at <= ? THEN excluded.expires_at ELSE shared_limits.expires_at END,
       holder = NULL
     RETURNING count, expires_at`,
    key,
    at + windowMs,
    at,
    at,
  );
  if (!row) throw new Error(`hitLimit: the upsert of ${key} returned no row`);
  await sweepNowAndThen(sql, now);
  return { count: Number(row.count), resetAt: new Date(Number(row.expires_at)) };
}

/** Takes one hit back (a request that does not count after all); never below zero. */
export async function unhitLimit(sql: Sql, key: string): Promise<void> {
  await sql.run('UPDATE shared_limits SET count = count - 1 WHERE key = ? AND count > 0 AND holder IS NULL', key);
}

/** Forgets the counter: the next hit starts a new window. */
export async function resetLimit(sql: Sql, key: string): Promise<void> {
  await sql.run('DELETE FROM shared_limits WHERE key = ? AND holder IS NULL', key);
}

/**
 * Takes the lock `key` for `ttlMs`: a fresh token, or undefined while another
 * holder's lease has not run out. A lease that ran out (its holder crashed, or
 * never unlocked) is taken over.
 */
export async function tryLock(sql: Sql, key: string, ttlMs: number, now: Date): Promise<string | undefined> {
  const at = now.getTime();
  const token = randomUUID();
  const row = await sql.get<{ holder: string }>(
    `INSERT INTO shared_limits (key, count, expires_at, holder) VALUES (?, 0, ?, ?)
     ON CONFLICT (key) DO UPDATE SET count = 0, expires_at = excluded.expires_at, holder = excluded.holder
     WHERE shared_limits.expires_at <= ?
     RETURNING holder`,
    key,
    at + ttlMs,
    token,
    at,
  );
  await sweepNowAndThen(sql, now);
  return row?.holder === token ? token : undefined;
}

/** Releases the lock if `token` still holds it (not after a takeover); true when it did. */
export async function unlock(sql: Sql, key: string, token: string): Promise<boolean> {
  return (await sql.run('DELETE FROM shared_limits WHERE key = ? AND holder = ?', key, token)) > 0;
}

/**
 * Removes at most `max` rows that expired by `now`, oldest first; answers how
 * many. The expiry is checked again on the row deleted, so a row another
 * process has just renewed stays.
 */
export async function sweepLimits(sql: Sql, now: Date, max: number): Promise<number> {
  const at = now.getTime();
  return sql.run(
    `DELETE FROM shared_limits WHERE expires_at <= ? AND key IN (
       SELECT key FROM shared_limits WHERE expires_at <= ? ORDER BY expires_at LIMIT ?)`,
    at,
    at,
    max,
  );
}
