import { KodbroError } from '../../errors.ts';
import { asAttemptId, asOrgId, type AttemptId } from '../ids.ts';
import type { ClaimedJob, JobLease, QueueDepth } from '../model.ts';
import { utf8Bytes } from '../quotas.ts';
import type { FailOutcome } from '../store.ts';
import { orphaned, type Sql } from './db.ts';
import { toJson, type SubmissionRow } from './rows.ts';
import { requeueRunningValidations } from './validations.ts';

/**
 * The queue over the submissions table. See JobQueue (../store.ts) for the
 * rules; every change happens in one write transaction guarded by the status
 * it expects, so two connections never take or finish the same job. Claims
 * run read-committed: SQLite still takes the write lock (BEGIN IMMEDIATE);
 * PostgreSQL locks the row it picks and skips rows other workers hold.
 */

/**
 * Fairness: waiting jobs ordered by how many jobs their attempt has running,
 * then by arrival. On PostgreSQL the picked row is locked and rows other
 * claims hold are skipped (FOR UPDATE OF s: only the submission, not the
 * grouped count, which cannot be locked), so workers claim different jobs
 * without waiting on each other; SQLite has no row locks and needs none.
 */
const nextJob = (sql: Sql): string => `
  SELECT s.id
    FROM submissions s
    LEFT JOIN (SELECT attempt_id, COUNT(*) AS running FROM submissions WHERE status = 'running' GROUP BY attempt_id) r
           ON r.attempt_id = s.attempt_id
   WHERE s.status = 'queued' AND s.available_at <= ?
   ORDER BY COALESCE(r.running, 0), s.queue_seq
   LIMIT 1${sql.dialect === 'postgres' ? ' FOR UPDATE OF s SKIP LOCKED' : ''}`;

export async function claimNext(sql: Sql, workerId: string, now: Date): Promise<ClaimedJob | undefined> {
  if (workerId.length === 0) throw new KodbroError('invalid_argument', 'claimNext needs a worker id');
  return await sql.write(async () => {
    const at = now.getTime();
    // A job whose worker stopped renewing its lease (it died, here or on another machine) is waiting again.
    await requeueWhere(sql, { expiredAt: at });
    const next = await sql.get<{ id: string }>(nextJob(sql), at);
    if (!next) return undefined;
    const row = await sql.get<SubmissionRow>(
      `UPDATE submissions SET status = 'running', worker_id = ?, tries = tries + 1, started_at = ?, updated_at = ?, lease_expires_at = ?
        WHERE id = ? AND status = 'queued'
        RETURNING *`,
      workerId,
      at,
      at,
      at + sql.leaseMs,
      next.id,
    );
    if (!row) return undefined;
    return {
      submissionId: row.id,
      orgId: asOrgId(row.org_id),
      attemptId: asAttemptId(row.attempt_id),
      challengeVersionId: row.challenge_version_id,
      kind: row.kind,
      language: row.language,
      source: row.source,
      customInput: row.custom_input,
      workerId,
      tries: row.tries,
    };
  }, 'read-committed');
}

export async function complete(sql: Sql, lease: JobLease, result: unknown, differences: unknown[]): Promise<boolean> {
  const text = toJson(result);
  const differencesText = differences.length > 0 ? toJson(differences) : null;
  const bytes = utf8Bytes(text) + (differencesText === null ? 0 : utf8Bytes(differencesText));
  return await sql.write(async () => {
    const now = sql.nowMs();
    const done = await sql.get<{ attempt_id: string }>(
      `UPDATE submissions SET status = 'done', result = ?, differences = ?, worker_id = NULL, finished_at = ?, updated_at = ?, stored_bytes = stored_bytes + ?
        WHERE id = ? AND status = 'running' AND tries = ?
        RETURNING attempt_id`,
      text,
      differencesText,
      now,
      now,
      bytes,
      lease.submissionId,
      lease.tries,
    );
    // The result counts towards the attempt's run budget; it is stored whatever the budget says (it is already judged).
    if (done) await sql.run('UPDATE attempts SET run_bytes = run_bytes + ? WHERE id = ?', bytes, done.attempt_id);
    return done !== undefined;
  });
}

export async function fail(sql: Sql, lease: JobLease, error: string, retryAt: Date | null): Promise<FailOutcome> {
  return await sql.write(async () => {
    const now = sql.nowMs();
    const row = await sql.get<{ tries: number }>(`SELECT tries FROM submissions WHERE id = ? AND status = 'running' AND tries = ?`, lease.submissionId, lease.tries);
    if (!row) return 'lost';
    if (retryAt !== null && row.tries < sql.maxTries) {
      await sql.run(
        `UPDATE submissions SET status = 'queued', worker_id = NULL, available_at = ?, error = ?, updated_at = ? WHERE id = ?`,
        retryAt.getTime(),
        error,
        now,
        lease.submissionId,
      );
      return 'requeued';
    }
    await sql.run(
      `UPDATE submissions SET status = 'failed', worker_id = NULL, error = ?, finished_at = ?, updated_at = ? WHERE id = ?`,
      error,
      now,
      now,
      lease.submissionId,
    );
    return 'failed';
  });
}

export async function release(sql: Sql, lease: JobLease): Promise<boolean> {
  const now = sql.nowMs();
  return (
    (await sql.run(
      `UPDATE submissions SET status = 'queued', worker_id = NULL, tries = tries - 1, available_at = ?, updated_at = ?
        WHERE id = ? AND status = 'running' AND tries = ?`,
      now,
      now,
      lease.submissionId,
      lease.tries,
    )) === 1
  );
}

export async function requeueRunning(sql: Sql, options: { workerIdPrefix?: string } = {}): Promise<{ requeued: number; failed: number }> {
  return await sql.write(() => requeueWhere(sql, { prefix: options.workerIdPrefix ?? '' }));
}

/**
 * Running jobs that no worker holds any more go back to the queue, or fail after their last try: those of a
 * process that stopped (`prefix` of its worker ids; '' for all), or those whose lease ran out. Inside a write.
 */
async function requeueWhere(sql: Sql, which: { prefix: string } | { expiredAt: number }): Promise<{ requeued: number; failed: number }> {
  const { where, params, why } = orphaned(which);
  const now = sql.nowMs();
  const failed = await sql.run(
    `UPDATE submissions
        SET status = 'failed', worker_id = NULL, finished_at = ?, updated_at = ?,
            error = '${why} while running this job on each of its ' || tries || ' tries'
      WHERE status = 'running' AND tries >= ? AND ${where}`,
    now,
    now,
    sql.maxTries,
    ...params,
  );
  const requeued = await sql.run(
    `UPDATE submissions SET status = 'queued', worker_id = NULL, available_at = ?, updated_at = ?
      WHERE status = 'running' AND ${where}`,
    now,
    now,
    ...params,
  );
  const validations = 'prefix' in which ? await requeueRunningValidations(sql, which) : { requeued: 0, failed: 0 };
  return { requeued: requeued + validations.requeued, failed: failed + validations.failed };
}

/** Renews a running job's lease; false when the claim no longer holds (re-queued, or another worker has it now). */
export async function renewLease(sql: Sql, lease: JobLease, now: Date): Promise<boolean> {
  return (
    (await sql.run(
      `UPDATE submissions SET lease_expires_at = ? WHERE id = ? AND status = 'running' AND tries = ?`,
      now.getTime() + sql.leaseMs,
      lease.submissionId,
      lease.tries,
    )) === 1
  );
}

export async function queuePosition(sql: Sql, attemptId: AttemptId, submissionId: string): Promise<number | undefined> {
  const row = await sql.get<{ queue_seq: number }>(
    `SELECT queue_seq FROM submissions WHERE id = ? AND attempt_id = ? AND status = 'queued'`,
    submissionId.toLowerCase(),
    attemptId,
  );
  if (!row) return undefined;
  return (await sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM submissions WHERE status = 'queued' AND queue_seq < ?`, row.queue_seq))!.n;
}

export async function queueDepth(sql: Sql): Promise<QueueDepth> {
  const row = (await sql.get<{ queued: number | null; delayed: number | null; running: number | null }>(
    `SELECT SUM(CASE WHEN status = 'queued' THEN 1 ELSE 0 END) AS queued,
            SUM(CASE WHEN status = 'queued' AND available_at > ? THEN 1 ELSE 0 END) AS delayed,
            SUM(CASE WHEN status = 'running' THEN 1 ELSE 0 END) AS running
       FROM submissions WHERE status IN ('queued', 'running')`,
    sql.nowMs(),
  ))!;
  return { queued: row.queued ?? 0, delayed: row.delayed ?? 0, running: row.running ?? 0 };
}
