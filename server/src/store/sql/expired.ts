import type { LanguageId } from '../../contracts/index.ts';
import type { AttemptId } from '../ids.ts';
import type { Submission } from '../model.ts';
import type { ExpiredAttempt } from '../store.ts';
import { draftToSubmit, timeUpSubmissionId } from '../time-up.ts';
import { utf8Bytes } from '../quotas.ts';
import { getAttempt } from './attempts.ts';
import type { Sql } from './db.ts';
import { appendEventIn } from './events.ts';
import { toSubmission, type SubmissionRow } from './rows.ts';
import { insertSubmissionIn } from './submissions.ts';

/** Ids tried for one task's time-up submission before giving up (each a different hash; see timeUpSubmissionId). */
const TIME_UP_ID_TRIES = 8;

/**
 * Finishes up to `limit` attempts whose deadline has passed and that nobody
 * finished, each at its deadline, and — in the same transaction — submits
 * for each task the newest saved draft that differs from the task's last
 * submission (`origin: 'time_up'`, queued like any submission). The events
 * are the submissions' `submitted`, then `finished` with reason `time_up`.
 */
export async function finishExpiredAttempts(sql: Sql, limit: number): Promise<ExpiredAttempt[]> {
  return await sql.write(async () => {
    const now = sql.nowMs();
    const ids = await sql.all<{ id: string }>('SELECT id FROM attempts WHERE finished_at IS NULL AND deadline_at <= ? ORDER BY deadline_at LIMIT ?', now, limit);
    // One attempt after the other: the statements of a transaction run in order on its one connection.
    const expired: ExpiredAttempt[] = [];
    for (const { id } of ids) {
      const attemptId = id as AttemptId;
      if ((await sql.run('UPDATE attempts SET finished_at = deadline_at WHERE id = ? AND finished_at IS NULL', attemptId)) !== 1) continue;
      const timeUp = await submitChangedDrafts(sql, attemptId, now);
      await appendEventIn(sql, attemptId, 'finished', { reason: 'time_up' }, now);
      const attempt = await getAttempt(sql, { attemptId });
      if (attempt) expired.push({ attempt, timeUp });
    }
    return expired;
  });
}

/**
 * The time-up submissions of one attempt, in task order. They bypass the
 * per-minute run limit and the run budget (a candidate's typed work must
 * count even when the budget is spent), yet stay bounded: at most one per
 * task, each a draft the store already holds (at most 256 KB).
 */
async function submitChangedDrafts(sql: Sql, attemptId: AttemptId, now: number): Promise<Submission[]> {
  const tasks = await sql.all<{ challenge_version_id: string; meta: string | null }>(
    `SELECT ac.challenge_version_id, v.meta
       FROM attempts a
       JOIN assessment_challenges ac ON ac.assessment_id = a.assessment_id AND ac.org_id = a.org_id
       JOIN challenge_versions v ON v.id = ac.challenge_version_id AND v.org_id = ac.org_id
      WHERE a.id = ? ORDER BY ac.position`,
    attemptId,
  );
  const submitted: Submission[] = [];
  for (const task of tasks) {
    const drafts = await sql.all<{ language: LanguageId; source: string; updated_at: number }>(
      'SELECT language, source, updated_at FROM drafts WHERE attempt_id = ? AND challenge_version_id = ?',
      attemptId,
      task.challenge_version_id,
    );
    if (drafts.length === 0) continue;
    const last = await sql.get<{ language: LanguageId; source: string }>(
      `SELECT language, source FROM submissions
        WHERE attempt_id = ? AND challenge_version_id = ? AND kind = 'submit' ORDER BY queue_seq DESC LIMIT 1`,
      attemptId,
      task.challenge_version_id,
    );
    const draft = draftToSubmit(
      drafts.map((d) => ({ language: d.language, source: d.source, updatedAt: d.updated_at })),
      last,
      allowedLanguages(task.meta),
    );
    if (!draft) continue;
    const id = await freeTimeUpId(sql, attemptId, task.challenge_version_id);
    if (id === undefined) continue;
    const input = { id, challengeVersionId: task.challenge_version_id, kind: 'submit' as const, origin: 'time_up' as const, language: draft.language, source: draft.source, customInput: null };
    submitted.push(await insertSubmissionIn(sql, attemptId, input, utf8Bytes(draft.source), now));
  }
  return submitted;
}

/**
 * The deterministic id for this task's time-up submission: the first of its
 * ids that no submission holds. Undefined when one of them already holds
 * this very time-up submission (it is written once), or — only if someone
 * who knew the attempt's id took them all on purpose — when none is free:
 * then that task is not submitted, rather than the sweep failing for every
 * attempt behind it.
 */
async function freeTimeUpId(sql: Sql, attemptId: AttemptId, challengeVersionId: string): Promise<string | undefined> {
  for (let n = 0; n < TIME_UP_ID_TRIES; n++) {
    const id = timeUpSubmissionId(attemptId, challengeVersionId, n);
    const row = await sql.get<SubmissionRow>('SELECT * FROM submissions WHERE id = ?', id);
    if (!row) return id;
    const held = toSubmission(row);
    if (held.attemptId === attemptId && held.challengeVersionId === challengeVersionId && held.origin === 'time_up') return undefined;
  }
  return undefined;
}

/** The languages the version allows, from its listing JSON; undefined when that does not say. */
function allowedLanguages(meta: string | null): string[] | undefined {
  if (meta === null) return undefined;
  const languages = (JSON.parse(meta) as { languages?: unknown } | null)?.languages;
  return Array.isArray(languages) && languages.every((l) => typeof l === 'string') ? languages : undefined;
}
