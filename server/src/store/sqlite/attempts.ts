import { randomUUID } from 'node:crypto';
import { LANGUAGE_IDS } from '../../contracts/index.ts';
import { KodbroError } from '../../errors.ts';
import { asAttemptId, type AttemptId, type AttemptScope, type OrgId } from '../ids.ts';
import type { Attempt, Draft } from '../model.ts';
import type { DraftInput, Outcome, Refused } from '../store.ts';
import { attemptScope, type Sql } from './db.ts';
import { appendEventIn } from './events.ts';
import { ATTEMPT_COLUMNS, toAttempt, toDraft, type AttemptRow, type DraftRow } from './rows.ts';

export function startAttempt(
  sql: Sql,
  orgId: OrgId,
  inviteId: string,
): Outcome<{ attempt: Attempt; created: boolean }, 'not_found' | 'revoked' | 'not_open' | 'closed'> {
  return sql.write(() => {
    const invite = sql.get<{ assessment_id: string; revoked_at: number | null; opens_at: number; closes_at: number; time_limit_minutes: number }>(
      `SELECT i.assessment_id, i.revoked_at, s.opens_at, s.closes_at, s.time_limit_minutes
         FROM invites i JOIN assessments s ON s.id = i.assessment_id AND s.org_id = i.org_id
        WHERE i.id = ? AND i.org_id = ?`,
      inviteId,
      orgId,
    );
    if (!invite) return { ok: false, reason: 'not_found' } as const;
    if (invite.revoked_at !== null) return { ok: false, reason: 'revoked' } as const;
    const existing = sql.get<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM attempts a WHERE a.invite_id = ? AND a.org_id = ?`, inviteId, orgId);
    if (existing) return { ok: true, value: { attempt: toAttempt(existing), created: false } } as const;
    const now = sql.nowMs();
    if (now < invite.opens_at) return { ok: false, reason: 'not_open' } as const;
    if (now >= invite.closes_at) return { ok: false, reason: 'closed' } as const;
    const id = asAttemptId(randomUUID());
    const deadline = Math.min(now + invite.time_limit_minutes * 60_000, invite.closes_at);
    sql.run(
      'INSERT INTO attempts (id, org_id, invite_id, assessment_id, started_at, deadline_at) VALUES (?, ?, ?, ?, ?, ?)',
      id,
      orgId,
      inviteId,
      invite.assessment_id,
      now,
      deadline,
    );
    appendEventIn(sql, id, 'started', { deadlineAt: new Date(deadline).toISOString() }, now);
    return { ok: true, value: { attempt: getAttempt(sql, { attemptId: id })!, created: true } } as const;
  });
}

export function getAttempt(sql: Sql, scope: AttemptScope): Attempt | undefined {
  const { where, params } = attemptScope(scope, 'a', 'id');
  const row = sql.get<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM attempts a WHERE ${where}`, ...params);
  return row && toAttempt(row);
}

export function listAttempts(sql: Sql, orgId: OrgId, assessmentId: string): Attempt[] {
  return sql
    .all<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM attempts a WHERE a.assessment_id = ? AND a.org_id = ? ORDER BY a.started_at, a.id`, assessmentId, orgId)
    .map(toAttempt);
}

export function finishAttempt(sql: Sql, attemptId: AttemptId, reason?: string): Attempt | undefined {
  return sql.write(() => {
    const now = sql.nowMs();
    if (sql.run('UPDATE attempts SET finished_at = ? WHERE id = ? AND finished_at IS NULL', now, attemptId) === 1) {
      appendEventIn(sql, attemptId, 'finished', { reason: reason ?? null }, now);
    }
    return getAttempt(sql, { attemptId });
  });
}

/**
 * Finishes up to `limit` attempts whose deadline has passed and that nobody
 * finished, each at its deadline, appending `finished` with reason `time_up`.
 */
export function finishExpiredAttempts(sql: Sql, limit: number): Attempt[] {
  return sql.write(() => {
    const now = sql.nowMs();
    const ids = sql.all<{ id: string }>('SELECT id FROM attempts WHERE finished_at IS NULL AND deadline_at <= ? ORDER BY deadline_at LIMIT ?', now, limit);
    return ids.flatMap(({ id }) => {
      const attemptId = id as AttemptId;
      if (sql.run('UPDATE attempts SET finished_at = deadline_at WHERE id = ? AND finished_at IS NULL', attemptId) !== 1) return [];
      appendEventIn(sql, attemptId, 'finished', { reason: 'time_up' }, now);
      const attempt = getAttempt(sql, { attemptId });
      return attempt ? [attempt] : [];
    });
  });
}

/**
 * Why the attempt cannot take a draft or a submission for this challenge
 * version now, or undefined when it can. The server's clock decides: at or
 * after the deadline the attempt is closed even before anyone finishes it.
 */
export function refuseWrite(
  sql: Sql,
  attemptId: AttemptId,
  challengeVersionId: string,
  now: number,
): Refused<'not_found' | 'attempt_closed' | 'challenge_not_in_attempt'> | undefined {
  const attempt = sql.get<{ deadline_at: number; finished_at: number | null; in_attempt: number }>(
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

export function saveDraft(
  sql: Sql,
  attemptId: AttemptId,
  input: DraftInput,
): Outcome<Draft, 'stale', { current: Draft }> | Refused<'not_found' | 'attempt_closed' | 'challenge_not_in_attempt'> {
  checkLanguage(input.language);
  if (!Number.isSafeInteger(input.revision) || input.revision < 1) throw new KodbroError('invalid_argument', 'A draft revision is a positive integer');
  return sql.write(() => {
    const now = sql.nowMs();
    const refused = refuseWrite(sql, attemptId, input.challengeVersionId, now);
    if (refused) return refused;
    // One statement: insert, or overwrite only an older revision (SQLite ≥ 3.24 and PostgreSQL share this upsert).
    const changed = sql.run(
      `INSERT INTO drafts (org_id, attempt_id, challenge_version_id, language, source, revision, updated_at)
       SELECT a.org_id, a.id, ?, ?, ?, ?, ? FROM attempts a WHERE a.id = ?
       ON CONFLICT (attempt_id, challenge_version_id, language)
       DO UPDATE SET source = excluded.source, revision = excluded.revision, updated_at = excluded.updated_at
       WHERE drafts.revision < excluded.revision`,
      input.challengeVersionId,
      input.language,
      input.source,
      input.revision,
      now,
      attemptId,
    );
    const current = getDraft(sql, attemptId, input.challengeVersionId, input.language)!;
    if (changed === 0) return { ok: false, reason: 'stale', current } as const;
    appendEventIn(
      sql,
      attemptId,
      'draft_saved',
      { challengeVersionId: input.challengeVersionId, language: input.language, revision: input.revision, source: input.source },
      now,
    );
    return { ok: true, value: current } as const;
  });
}

function getDraft(sql: Sql, attemptId: AttemptId, challengeVersionId: string, language: string): Draft | undefined {
  const row = sql.get<DraftRow>(
    `SELECT attempt_id, challenge_version_id, language, source, revision, updated_at FROM drafts
      WHERE attempt_id = ? AND challenge_version_id = ? AND language = ?`,
    attemptId,
    challengeVersionId,
    language,
  );
  return row && toDraft(row);
}

export function listDrafts(sql: Sql, scope: AttemptScope): Draft[] {
  const { where, params } = attemptScope(scope, 'd');
  return sql
    .all<DraftRow>(
      `SELECT d.attempt_id, d.challenge_version_id, d.language, d.source, d.revision, d.updated_at FROM drafts d
        WHERE ${where} ORDER BY d.challenge_version_id, d.language`,
      ...params,
    )
    .map(toDraft);
}
