import { randomUUID } from 'node:crypto';
import { LANGUAGE_IDS } from '../../contracts/index.ts';
import { KodbroError } from '../../errors.ts';
import { historyEntry } from '../../history/index.ts';
import { take } from '../bucket.ts';
import { asAttemptId, type AttemptId, type AttemptScope, type OrgId } from '../ids.ts';
import type { Attempt, Draft } from '../model.ts';
import { attemptDeadline } from '../deadline.ts';
import type { StoreQuotas } from '../quotas.ts';
import { statementLanguagesOf, timeAllowedMinutes } from '../time-allowed.ts';
import type { DraftInput, Outcome, Refused } from '../store.ts';
import { attemptScope, type Sql } from './db.ts';
import { appendEventIn, appendHistoryIn } from './events.ts';
import { ATTEMPT_COLUMNS, toAttempt, toDraft, type AttemptRow, type DraftRow } from './rows.ts';

export async function startAttempt(
  sql: Sql,
  orgId: OrgId,
  inviteId: string,
): Promise<Outcome<{ attempt: Attempt; created: boolean }, 'not_found' | 'revoked' | 'not_open' | 'closed'>> {
  return await sql.write(async () => {
    const invite = await sql.get<{
      assessment_id: string;
      revoked_at: number | null;
      opens_at: number;
      closes_at: number;
      time_limit_minutes: number;
      second_language_percent: number;
      extra_minutes: number;
      preferred_language: string | null;
    }>(
      // An extended invite's own expiry replaces the assessment's close for this candidate.
      `SELECT i.assessment_id, i.revoked_at, s.opens_at, COALESCE(i.expires_at, s.closes_at) AS closes_at, s.time_limit_minutes,
              s.second_language_percent, i.extra_minutes, i.preferred_language
         FROM invites i JOIN assessments s ON s.id = i.assessment_id AND s.org_id = i.org_id
        WHERE i.id = ? AND i.org_id = ?`,
      inviteId,
      orgId,
    );
    if (!invite) return { ok: false, reason: 'not_found' } as const;
    if (invite.revoked_at !== null) return { ok: false, reason: 'revoked' } as const;
    const existing = await sql.get<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM attempts a WHERE a.invite_id = ? AND a.org_id = ?`, inviteId, orgId);
    if (existing) return { ok: true, value: { attempt: toAttempt(existing), created: false } } as const;
    const now = sql.nowMs();
    if (now < invite.opens_at) return { ok: false, reason: 'not_open' } as const;
    if (now >= invite.closes_at) return { ok: false, reason: 'closed' } as const;
    const id = asAttemptId(randomUUID());
    const allowed = timeAllowedMinutes(
      { timeLimitMinutes: invite.time_limit_minutes, secondLanguagePercent: invite.second_language_percent },
      { firstLanguage: invite.preferred_language, extraMinutes: invite.extra_minutes },
      await taskStatementLanguages(sql, orgId, invite.assessment_id),
    );
    // The assessment's own time is capped by the close; what this candidate gets on top of it
    // (the second-language share, the invite's minutes) is added after the cap (deadline.ts).
    const deadline = attemptDeadline({
      startedAtMs: now,
      timeLimitMinutes: invite.time_limit_minutes,
      closesAtMs: invite.closes_at,
      extraMinutes: allowed - invite.time_limit_minutes,
    });
    await sql.run(
      'INSERT INTO attempts (id, org_id, invite_id, assessment_id, started_at, deadline_at) VALUES (?, ?, ?, ?, ?, ?)',
      id,
      orgId,
      inviteId,
      invite.assessment_id,
      now,
      deadline,
    );
    await appendEventIn(sql, id, 'started', { deadlineAt: new Date(deadline).toISOString() }, now);
    return { ok: true, value: { attempt: (await getAttempt(sql, { attemptId: id }))!, created: true } } as const;
  });
}

/** Each task's statement languages, from its pinned version's listing JSON. */
async function taskStatementLanguages(sql: Sql, orgId: OrgId, assessmentId: string): Promise<string[][]> {
  const rows = await sql.all<{ meta: string }>(
    `SELECT v.meta FROM assessment_challenges ac JOIN challenge_versions v ON v.id = ac.challenge_version_id AND v.org_id = ac.org_id
      WHERE ac.assessment_id = ? AND ac.org_id = ? ORDER BY ac.position`,
    assessmentId,
    orgId,
  );
  return rows.map((row) => statementLanguagesOf(JSON.parse(row.meta)));
}

export async function getAttempt(sql: Sql, scope: AttemptScope): Promise<Attempt | undefined> {
  const { where, params } = attemptScope(scope, 'a', 'id');
  const row = await sql.get<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM attempts a WHERE ${where}`, ...params);
  return row && toAttempt(row);
}

export async function listAttempts(sql: Sql, orgId: OrgId, assessmentId: string): Promise<Attempt[]> {
  const rows = await sql.all<AttemptRow>(
    `SELECT ${ATTEMPT_COLUMNS} FROM attempts a WHERE a.assessment_id = ? AND a.org_id = ? ORDER BY a.started_at, a.id`,
    assessmentId,
    orgId,
  );
  return rows.map(toAttempt);
}

export async function finishAttempt(sql: Sql, attemptId: AttemptId, reason?: string): Promise<Attempt | undefined> {
  return await sql.write(async () => {
    const now = sql.nowMs();
    if ((await sql.run('UPDATE attempts SET finished_at = ? WHERE id = ? AND finished_at IS NULL', now, attemptId)) === 1) {
      await appendEventIn(sql, attemptId, 'finished', { reason: reason ?? null }, now);
    }
    return await getAttempt(sql, { attemptId });
  });
}

/**
 * Why the attempt cannot take a draft or a submission for this challenge
 * version now, or undefined when it can. The server's clock decides: at or
 * after the deadline the attempt is closed even before anyone finishes it.
 */
export async function refuseWrite(
  sql: Sql,
  attemptId: AttemptId,
  challengeVersionId: string,
  now: number,
): Promise<Refused<'not_found' | 'attempt_closed' | 'challenge_not_in_attempt'> | undefined> {
  const attempt = await sql.get<{ deadline_at: number; finished_at: number | null; in_attempt: number }>(
    `SELECT a.deadline_at, a.finished_at,
            EXISTS (SELECT 1 FROM assessment_challenges ac
                     WHERE ac.assessment_id = a.assessment_id AND ac.org_id = a.org_id AND ac.challenge_version_id = ?) AS in_attempt
       FROM attempts a WHERE a.id = ?`,
    challengeVersionId,
    attemptId,
  );
  if (!attempt) return { ok: false, reason: 'not_found' };
  if (attempt.finished_at !== null || now >= attempt.deadline_at) return { ok: false, reason: 'attempt_closed' };
  if (!attempt.in_attempt) return { ok: false, reason: 'challenge_not_in_attempt' };
  return undefined;
}

export function checkLanguage(language: string): void {
  if (!(LANGUAGE_IDS as readonly string[]).includes(language)) throw new KodbroError('language_unknown', `Unknown language ${language}`);
}

export type SaveDraftOutcome =
  | Outcome<Draft, 'stale', { current: Draft }>
  | Refused<'not_found' | 'attempt_closed' | 'challenge_not_in_attempt'>
  | Refused<'rate_limited', { retryAfterMs: number }>;

/** A draft row with what the history knows of it. */
interface DraftHistoryRow extends DraftRow {
  snapshot_at: number | null;
  edits_since_snapshot: number;
}

export async function saveDraft(sql: Sql, quotas: StoreQuotas, attemptId: AttemptId, input: DraftInput): Promise<SaveDraftOutcome> {
  checkLanguage(input.language);
  if (!Number.isSafeInteger(input.revision) || input.revision < 1) throw new KodbroError('invalid_argument', 'A draft revision is a positive integer');
  return await sql.write(async (): Promise<SaveDraftOutcome> => {
    const now = sql.nowMs();
    const refused = await refuseWrite(sql, attemptId, input.challengeVersionId, now);
    if (refused) return refused;
    // Every try costs a token, stale ones too: each one reads and compares up to 256 KB.
    const retryAfterMs = await takeDraftToken(sql, quotas, attemptId, now);
    if (retryAfterMs !== undefined) return { ok: false, reason: 'rate_limited', retryAfterMs };

    const previous = await getDraftRow(sql, attemptId, input.challengeVersionId, input.language);
    if (previous && previous.revision >= input.revision) return { ok: false, reason: 'stale', current: toDraft(previous) };
    const entry = historyEntry(
      input,
      previous && { source: previous.source, revision: previous.revision, snapshotAt: previous.snapshot_at, editsSinceSnapshot: previous.edits_since_snapshot },
      input,
      now,
      quotas,
    );
    const recorded = (await appendHistoryIn(sql, quotas.historyBytesPerAttempt, attemptId, 'draft_saved', entry.data, now)) !== undefined;
    // What the next save's edit is measured against; a draft the history did not take starts again with a snapshot.
    const snapshotAt = !recorded ? null : entry.snapshot ? now : previous!.snapshot_at;
    const edits = !recorded || entry.snapshot ? 0 : previous!.edits_since_snapshot + 1;
    // One statement: insert, or overwrite only an older revision (SQLite ≥ 3.24 and PostgreSQL share this upsert).
    // The values are cast: PostgreSQL cannot infer the type of a bare parameter in a SELECT list.
    const changed = await sql.run(
      `INSERT INTO drafts (org_id, attempt_id, challenge_version_id, language, source, revision, updated_at, snapshot_at, edits_since_snapshot)
       SELECT a.org_id, a.id, CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT)
         FROM attempts a WHERE a.id = ?
       ON CONFLICT (attempt_id, challenge_version_id, language)
       DO UPDATE SET source = excluded.source, revision = excluded.revision, updated_at = excluded.updated_at,
                     snapshot_at = excluded.snapshot_at, edits_since_snapshot = excluded.edits_since_snapshot
       WHERE drafts.revision < excluded.revision`,
      input.challengeVersionId,
      input.language,
      input.source,
      input.revision,
      now,
      snapshotAt,
      edits,
      attemptId,
    );
    // The transaction is serialisable (SQLite: the write lock is held since the read above; PostgreSQL: a
    // concurrent change fails it and it runs again), so this cannot happen; if it did, nothing may be kept.
    if (changed !== 1) throw new KodbroError('internal', 'A draft changed under the write lock');
    return { ok: true, value: toDraft((await getDraftRow(sql, attemptId, input.challengeVersionId, input.language))!) };
  });
}

/**
 * Takes one token from the attempt's draft-save bucket; returns how long to
 * wait when there is none. Call inside the write transaction.
 */
async function takeDraftToken(sql: Sql, quotas: StoreQuotas, attemptId: AttemptId, now: number): Promise<number | undefined> {
  const row = await sql.get<{ draft_tokens: number | null; draft_tokens_at: number | null }>('SELECT draft_tokens, draft_tokens_at FROM attempts WHERE id = ?', attemptId);
  const bucket = row?.draft_tokens == null || row.draft_tokens_at == null ? null : { tokens: row.draft_tokens, at: row.draft_tokens_at };
  const taken = take(bucket, now, { burst: quotas.draftBurst, perMinute: quotas.draftSavesPerMinute });
  if (!taken.ok) return taken.retryAfterMs;
  await sql.run('UPDATE attempts SET draft_tokens = ?, draft_tokens_at = ? WHERE id = ?', taken.bucket.tokens, taken.bucket.at, attemptId);
  return undefined;
}

async function getDraftRow(sql: Sql, attemptId: AttemptId, challengeVersionId: string, language: string): Promise<DraftHistoryRow | undefined> {
  return await sql.get<DraftHistoryRow>(
    `SELECT attempt_id, challenge_version_id, language, source, revision, updated_at, snapshot_at, edits_since_snapshot FROM drafts
      WHERE attempt_id = ? AND challenge_version_id = ? AND language = ?`,
    attemptId,
    challengeVersionId,
    language,
  );
}

export async function listDrafts(sql: Sql, scope: AttemptScope): Promise<Draft[]> {
  const { where, params } = attemptScope(scope, 'd');
  const rows = await sql.all<DraftRow>(
    `SELECT d.attempt_id, d.challenge_version_id, d.language, d.source, d.revision, d.updated_at FROM drafts d
      WHERE ${where} ORDER BY d.challenge_version_id, d.language`,
    ...params,
  );
  return rows.map(toDraft);
}
