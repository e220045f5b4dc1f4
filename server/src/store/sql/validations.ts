import { randomUUID } from 'node:crypto';
import { KodbroError } from '../../errors.ts';
import { asOrgId, type OrgId } from '../ids.ts';
import type { ClaimedValidation, ValidationLease } from '../model.ts';
import type { FailOutcome, NewValidation, Outcome } from '../store.ts';
import { orphaned, type Sql } from './db.ts';
import { toJson } from './rows.ts';

/**
 * Drafts' validations as queue jobs (store.ts ValidationQueue): the same
 * lease rules as the submissions' queue (queue.ts), every change in one
 * write transaction guarded by the status and tries it expects (claims
 * read-committed, locking the row they pick on PostgreSQL, as in queue.ts).
 */

interface ValidationJobRow {
  id: string;
  org_id: string;
  draft_id: string;
  slug: string;
  revision: number;
  document: string;
  started_at: string;
  tries: number;
}


/** Writes the draft's validation record only while it is still the run started at `startedAt` (inside a transaction). */
async function writeIfCurrent(sql: Sql, orgId: string, draftId: string, startedAt: string, validation: unknown): Promise<boolean> {
  const current = await sql.get<{ validation: string | null }>('SELECT validation FROM challenge_drafts WHERE id = ? AND org_id = ?', draftId, orgId);
  const started = current?.validation ? (JSON.parse(current.validation) as { startedAt?: string }).startedAt : undefined;
  if (started !== startedAt) return false;
  return (await sql.run('UPDATE challenge_drafts SET validation = ? WHERE id = ? AND org_id = ?', toJson(validation), draftId, orgId)) === 1;
}

export async function startDraftValidation(
  sql: Sql,
  orgId: OrgId,
  draftId: string,
  input: NewValidation,
): Promise<Outcome<{ jobId: string }, 'busy' | 'not_found'>> {
  const id = draftId.toLowerCase();
  return await sql.write(async () => {
    const draft = await sql.get<{ id: string }>('SELECT id FROM challenge_drafts WHERE id = ? AND org_id = ?', id, orgId);
    if (!draft) return { ok: false, reason: 'not_found' };
    const busy = await sql.get<{ id: string }>(`SELECT id FROM validation_jobs WHERE org_id = ? AND status IN ('queued', 'running') LIMIT 1`, orgId);
    if (busy) return { ok: false, reason: 'busy' };
    // Finished jobs of this draft are of no further use: the table holds at most one per draft.
    await sql.run(`DELETE FROM validation_jobs WHERE org_id = ? AND draft_id = ? AND status IN ('done', 'failed')`, orgId, id);
    const now = sql.nowMs();
    const jobId = randomUUID();
    // The values are cast: PostgreSQL cannot infer the type of a bare parameter in a SELECT list.
    await sql.run(
      `INSERT INTO validation_jobs (id, org_id, draft_id, slug, revision, document, started_at, status, worker_id, tries, error, available_at, created_at, updated_at)
       SELECT CAST(? AS TEXT), org_id, id, slug, CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS TEXT), 'queued', NULL, 0, NULL,
              CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT)
         FROM challenge_drafts WHERE id = ? AND org_id = ?`,
      jobId,
      input.revision,
      toJson(input.document),
      input.validation.startedAt,
      now,
      now,
      now,
      id,
      orgId,
    );
    await sql.run('UPDATE challenge_drafts SET validation = ? WHERE id = ? AND org_id = ?', toJson(input.validation), id, orgId);
    return { ok: true, value: { jobId } };
  });
}

export async function claimNextValidation(sql: Sql, workerId: string, now: Date): Promise<ClaimedValidation | undefined> {
  if (workerId.length === 0) throw new KodbroError('invalid_argument', 'claimNextValidation needs a worker id');
  return await sql.write(async () => {
    const at = now.getTime();
    await requeueRunningValidations(sql, { expiredAt: at });
    // PostgreSQL locks the picked row and skips rows other claims hold, so workers claim different jobs
    // without waiting on each other; SQLite has no row locks and needs none (its write lock serialises claims).
    const next = await sql.get<{ id: string }>(
      `SELECT id FROM validation_jobs WHERE status = 'queued' AND available_at <= ? ORDER BY available_at, created_at, id LIMIT 1${
        sql.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : ''
      }`,
      at,
    );
    if (!next) return undefined;
    const row = await sql.get<ValidationJobRow>(
      `UPDATE validation_jobs SET status = 'running', worker_id = ?, tries = tries + 1, updated_at = ?, lease_expires_at = ?
        WHERE id = ? AND status = 'queued'
        RETURNING id, org_id, draft_id, slug, revision, document, started_at, tries`,
      workerId,
      at,
      at + sql.leaseMs,
      next.id,
    );
    if (!row) return undefined;
    return {
      jobId: row.id,
      orgId: asOrgId(row.org_id),
      draftId: row.draft_id,
      slug: row.slug,
      revision: Number(row.revision),
      document: JSON.parse(row.document) as unknown,
      startedAt: row.started_at,
      workerId,
      tries: Number(row.tries),
    };
  }, 'read-committed');
}

/** The running job this lease names, or undefined when the claim no longer holds. */
async function leased(sql: Sql, lease: ValidationLease): Promise<Pick<ValidationJobRow, 'org_id' | 'draft_id' | 'started_at' | 'tries'> | undefined> {
  return await sql.get(`SELECT org_id, draft_id, started_at, tries FROM validation_jobs WHERE id = ? AND status = 'running' AND tries = ?`, lease.jobId, lease.tries);
}

export async function completeValidation(sql: Sql, lease: ValidationLease, validation: unknown): Promise<boolean> {
  return await sql.write(async () => {
    const job = await leased(sql, lease);
    if (!job) return false;
    const now = sql.nowMs();
    // The snapshot (up to a draft's 8 MB) is dropped once judged: finished jobs must not hold drafts past the organisation's caps.
    await sql.run(`UPDATE validation_jobs SET status = 'done', worker_id = NULL, document = '{}', updated_at = ? WHERE id = ?`, now, lease.jobId);
    await writeIfCurrent(sql, job.org_id, job.draft_id, job.started_at, validation);
    return true;
  });
}

export async function failValidation(sql: Sql, lease: ValidationLease, error: string, retryAt: Date | null, finalValidation: unknown): Promise<FailOutcome> {
  return await sql.write(async () => {
    const job = await leased(sql, lease);
    if (!job) return 'lost';
    const now = sql.nowMs();
    if (retryAt !== null && job.tries < sql.maxTries) {
      await sql.run(
        `UPDATE validation_jobs SET status = 'queued', worker_id = NULL, available_at = ?, error = ?, updated_at = ? WHERE id = ?`,
        retryAt.getTime(),
        error,
        now,
        lease.jobId,
      );
      return 'requeued';
    }
    await sql.run(`UPDATE validation_jobs SET status = 'failed', worker_id = NULL, document = '{}', error = ?, updated_at = ? WHERE id = ?`, error, now, lease.jobId);
    await writeIfCurrent(sql, job.org_id, job.draft_id, job.started_at, finalValidation);
    return 'failed';
  });
}

export async function releaseValidation(sql: Sql, lease: ValidationLease): Promise<boolean> {
  const now = sql.nowMs();
  return (
    (await sql.run(
      `UPDATE validation_jobs SET status = 'queued', worker_id = NULL, tries = tries - 1, available_at = ?, updated_at = ?
        WHERE id = ? AND status = 'running' AND tries = ?`,
      now,
      now,
      lease.jobId,
      lease.tries,
    )) === 1
  );
}

/**
 * Running validations that no worker holds any more go back to the queue, or fail with an error record after
 * their last try: those of a process that stopped (`prefix` of its worker ids; '' for all), or those whose
 * lease ran out (`expiredAt`: the worker stopped renewing it, on this machine or another).
 */
export async function requeueRunningValidations(sql: Sql, which: { prefix: string } | { expiredAt: number }): Promise<{ requeued: number; failed: number }> {
  const now = sql.nowMs();
  const { where, params, why } = orphaned(which);
  const spent = await sql.all<Pick<ValidationJobRow, 'id' | 'org_id' | 'draft_id' | 'started_at' | 'tries'>>(
    `SELECT id, org_id, draft_id, started_at, tries FROM validation_jobs WHERE status = 'running' AND tries >= ? AND ${where}`,
    sql.maxTries,
    ...params,
  );
  for (const job of spent) {
    const error = `${why} during this validation on each of its ${job.tries} tries`;
    await sql.run(`UPDATE validation_jobs SET status = 'failed', worker_id = NULL, document = '{}', error = ?, updated_at = ? WHERE id = ?`, error, now, job.id);
    const current = await sql.get<{ validation: string | null }>('SELECT validation FROM challenge_drafts WHERE id = ? AND org_id = ?', job.draft_id, job.org_id);
    if (current?.validation) {
      const record = JSON.parse(current.validation) as Record<string, unknown>;
      await writeIfCurrent(sql, job.org_id, job.draft_id, job.started_at, { ...record, status: 'error', finishedAt: new Date(now).toISOString(), error: `${error}: validate again` });
    }
  }
  const requeued = await sql.run(
    `UPDATE validation_jobs SET status = 'queued', worker_id = NULL, available_at = ?, updated_at = ? WHERE status = 'running' AND ${where}`,
    now,
    now,
    ...params,
  );
  return { requeued, failed: spent.length };
}

/** Renews a running validation's lease; false when the claim no longer holds (another worker has it now). */
export async function renewValidationLease(sql: Sql, lease: ValidationLease, now: Date): Promise<boolean> {
  return (
    (await sql.run(
      `UPDATE validation_jobs SET lease_expires_at = ? WHERE id = ? AND status = 'running' AND tries = ?`,
      now.getTime() + sql.leaseMs,
      lease.jobId,
      lease.tries,
    )) === 1
  );
}

/** A deleted draft's waiting validation has nothing left to judge (inside deleteChallengeDraft's transaction). */
export async function dropQueuedValidations(sql: Sql, orgId: OrgId, draftId: string): Promise<void> {
  await sql.run(`DELETE FROM validation_jobs WHERE org_id = ? AND draft_id = ? AND status = 'queued'`, orgId, draftId);
}
