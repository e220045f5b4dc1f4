import { KodbroError } from '../../errors.ts';
import type { AttemptId, AttemptScope } from '../ids.ts';
import type { LanguageId } from '../../contracts/index.ts';
import { SUBMISSION_KINDS, type AttemptEventKind, type Submission, type SubmissionKind, type SubmissionOrigin } from '../model.ts';
import { RUNS_SHARE, utf8Bytes, type StoreQuotas } from '../quotas.ts';
import type { Outcome, Page, PageRequest, Refused, RunRate, SubmissionInput } from '../store.ts';
import { checkLanguage, refuseWrite } from './attempts.ts';
import { attemptScope, type Sql } from './db.ts';
import { appendEventIn, pageOf } from './events.ts';
import { toSubmission, type SubmissionRow } from './rows.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const EVENT_OF: Record<SubmissionKind, AttemptEventKind> = {
  submit: 'submitted',
  samples: 'ran_samples',
  custom: 'ran_custom',
};

export type CreateSubmissionOutcome =
  | Outcome<{ submission: Submission; created: boolean }, 'id_taken' | 'not_found' | 'attempt_closed' | 'challenge_not_in_attempt' | 'rate_limited'>
  | Refused<'quota_exceeded', { limitBytes: number }>;

export async function createSubmission(
  sql: Sql,
  quotas: StoreQuotas,
  attemptId: AttemptId,
  input: SubmissionInput,
  rate?: RunRate,
): Promise<CreateSubmissionOutcome> {
  const id = input.id.toLowerCase();
  if (!UUID.test(id)) throw new KodbroError('invalid_argument', 'A submission id is a UUID chosen by the client');
  if (!SUBMISSION_KINDS.includes(input.kind)) throw new KodbroError('invalid_argument', `Unknown submission kind ${input.kind}`);
  checkLanguage(input.language);
  const customInput = input.customInput ?? null;
  if ((input.kind === 'custom') !== (customInput !== null)) {
    throw new KodbroError('invalid_argument', 'Custom input goes with kind custom, and only with it');
  }
  return await sql.write(async (): Promise<CreateSubmissionOutcome> => {
    // Idempotency first: a retry of an accepted submission succeeds even after the deadline.
    const existing = await sql.get<SubmissionRow>('SELECT * FROM submissions WHERE id = ?', id);
    if (existing) {
      if (existing.attempt_id !== attemptId) return { ok: false, reason: 'id_taken' } as const;
      return { ok: true, value: { submission: toSubmission(existing), created: false } } as const;
    }
    const now = sql.nowMs();
    const refused = await refuseWrite(sql, attemptId, input.challengeVersionId, now);
    if (refused) return refused;
    // Counted in the transaction that writes: parallel requests checked before any of them wrote would all pass.
    if (rate && (await countSubmissionsSince(sql, attemptId, now - rate.windowMs)) >= rate.runs) return { ok: false, reason: 'rate_limited' } as const;
    // The attempt's run budget: sample and custom runs stop at their share, so submitting stays possible.
    const bytes = utf8Bytes(input.source) + (customInput === null ? 0 : utf8Bytes(customInput));
    const limitBytes = input.kind === 'submit' ? quotas.runBytesPerAttempt : Math.floor(quotas.runBytesPerAttempt * RUNS_SHARE);
    const used = (await sql.get<{ run_bytes: number }>('SELECT run_bytes FROM attempts WHERE id = ?', attemptId))!.run_bytes;
    if (used + bytes > limitBytes) return { ok: false, reason: 'quota_exceeded', limitBytes };
    const submission = await insertSubmissionIn(sql, attemptId, { ...input, id, customInput, origin: 'candidate' }, bytes, now);
    return { ok: true, value: { submission, created: true } } as const;
  });
}

/**
 * The next number in arrival order. SQLite: one more than the largest, safe
 * because writers take turns. PostgreSQL: a sequence — every concurrent
 * insert reading MAX() would make serialisable transactions fail each other
 * (a class pressing Submit together would be run again and again).
 */
function nextQueueSeq(sql: Sql): string {
  return sql.dialect === 'postgres' ? "nextval('submissions_queue_seq')" : '(SELECT COALESCE(MAX(queue_seq), 0) + 1 FROM submissions)';
}

/** A submission as it is written: checked by the caller, which holds the write transaction. */
export interface NewSubmissionRow {
  id: string;
  challengeVersionId: string;
  kind: SubmissionKind;
  origin: SubmissionOrigin;
  language: LanguageId;
  source: string;
  customInput: string | null;
}

/**
 * Writes a submission queued — status 'queued', available now, next in
 * arrival order — with its event, and counts its bytes towards the attempt's
 * run budget. Call inside the write transaction, after every check.
 */
export async function insertSubmissionIn(sql: Sql, attemptId: AttemptId, input: NewSubmissionRow, bytes: number, now: number): Promise<Submission> {
  await sql.run('UPDATE attempts SET run_bytes = run_bytes + ? WHERE id = ?', bytes, attemptId);
  // The queue number: see nextQueueSeq. The values are cast: PostgreSQL cannot infer the type of a bare parameter in a SELECT list.
  await sql.run(
    `INSERT INTO submissions (id, org_id, attempt_id, challenge_version_id, kind, origin, language, source, custom_input,
                              status, tries, queue_seq, available_at, created_at, updated_at, stored_bytes)
     SELECT CAST(? AS TEXT), a.org_id, a.id, CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT),
            'queued', 0, ${nextQueueSeq(sql)},
            CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT)
       FROM attempts a WHERE a.id = ?`,
    input.id,
    input.challengeVersionId,
    input.kind,
    input.origin,
    input.language,
    input.source,
    input.customInput,
    now,
    now,
    now,
    bytes,
    attemptId,
  );
  const data = { submissionId: input.id, challengeVersionId: input.challengeVersionId, language: input.language, ...(input.origin === 'candidate' ? {} : { origin: input.origin }) };
  await appendEventIn(sql, attemptId, EVENT_OF[input.kind], data, now);
  return toSubmission((await sql.get<SubmissionRow>('SELECT * FROM submissions WHERE id = ?', input.id))!);
}

export async function getSubmission(sql: Sql, scope: AttemptScope, submissionId: string): Promise<Submission | undefined> {
  const { where, params } = attemptScope(scope, 's');
  const row = await sql.get<SubmissionRow>(`SELECT s.* FROM submissions s WHERE s.id = ? AND ${where}`, submissionId.toLowerCase(), ...params);
  return row && toSubmission(row);
}

export async function listSubmissions(sql: Sql, scope: AttemptScope): Promise<Submission[]> {
  const { where, params } = attemptScope(scope, 's');
  return (await sql.all<SubmissionRow>(`SELECT s.* FROM submissions s WHERE ${where} ORDER BY s.queue_seq`, ...params)).map(toSubmission);
}

/** Roughly what a submission adds to a JSON answer besides what it stores. */
const SUBMISSION_OVERHEAD_BYTES = 400;

export async function listSubmissionsPage(sql: Sql, scope: AttemptScope, page: PageRequest): Promise<Page<Submission>> {
  const { where, params } = attemptScope(scope, 's');
  const rows = await sql.all<SubmissionRow>(`SELECT s.* FROM submissions s WHERE ${where} AND s.queue_seq > ? ORDER BY s.queue_seq LIMIT ?`, ...params, page.after ?? 0, page.limit + 1);
  return pageOf(rows, page, (row) => SUBMISSION_OVERHEAD_BYTES + row.stored_bytes, toSubmission, (row) => row.queue_seq);
}

async function countSubmissionsSince(sql: Sql, attemptId: AttemptId, sinceMs: number): Promise<number> {
  return (await sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM submissions WHERE attempt_id = ? AND created_at >= ?', attemptId, sinceMs))!.n;
}
