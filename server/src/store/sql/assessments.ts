import { randomUUID } from 'node:crypto';
import { KodbroError } from '../../errors.ts';
import { asOrgId, type AttemptId, type OrgId } from '../ids.ts';
import { INTERFACE_LANGUAGES } from '../../contracts/index.ts';
import { RESULTS_VISIBILITY, type Assessment, type AssessmentChallenge, type AssessmentChange, type Invite } from '../model.ts';
import { settingChanges, settingValue, unsafeWhileRunning, type AssessmentSettings, type SettingChange, type SettingName } from '../running-changes.ts';
import { hashInviteToken, newInviteToken, newShortCode, normalizeShortCode, openInviteToken, sealInviteToken } from '../secrets.ts';
import type { AssessmentChanges, AssessmentCopy, AssessmentTasks, ChangeActor, CreatedInvite, ImportedInvite, NewAssessment, NewInvite, Outcome, Refused } from '../store.ts';
import type { Sql } from './db.ts';
import { INVITE_COLUMNS, toInvite, type AssessmentRow, type InviteRow } from './rows.ts';

const ASSESSMENT_COLUMNS =
  'id, org_id, title, time_limit_minutes, opens_at, closes_at, results_visibility, interface_languages, second_language_percent, anonymous_review, created_at';
/** Tries at a fresh short code before giving up; a collision is already rare (30^8 codes). */
const SHORT_CODE_TRIES = 10;
const DEFAULT_SECOND_LANGUAGE_PERCENT = 25;

type Settings = Pick<NewAssessment, 'timeLimitMinutes' | 'opensAt' | 'closesAt' | 'resultsVisibility'> & {
  interfaceLanguages: readonly string[];
  secondLanguagePercent: number;
  anonymousReview: boolean;
};

function checkSettings(input: Settings): void {
  if (!Number.isInteger(input.timeLimitMinutes) || input.timeLimitMinutes <= 0 || input.timeLimitMinutes > 7 * 24 * 60) {
    throw new KodbroError('invalid_argument', 'The time limit is a whole number of minutes, at least 1 and at most a week');
  }
  if (!(input.closesAt.getTime() > input.opensAt.getTime())) throw new KodbroError('invalid_argument', 'An assessment must close after it opens');
  if (!RESULTS_VISIBILITY.includes(input.resultsVisibility)) throw new KodbroError('invalid_argument', `Unknown results visibility ${input.resultsVisibility}`);
  if (!input.interfaceLanguages.every((code) => (INTERFACE_LANGUAGES as readonly string[]).includes(code)) || input.interfaceLanguages.length === 0) {
    throw new KodbroError('invalid_argument', `Interface languages are one or more of ${INTERFACE_LANGUAGES.join(', ')}`);
  }
  if (!Number.isInteger(input.secondLanguagePercent) || input.secondLanguagePercent < 0 || input.secondLanguagePercent > 100) {
    throw new KodbroError('invalid_argument', 'The second-language extra time is a whole percentage from 0 to 100');
  }
}

/** Interface languages in the client's order, each once. */
const orderedLanguages = (codes: readonly string[]): string[] => INTERFACE_LANGUAGES.filter((code) => codes.includes(code));

/**
 * The version ids of the tasks, in order: as given (each must be the
 * organisation's), or each challenge's newest. One version per challenge.
 */
async function resolveTasks(sql: Sql, orgId: OrgId, tasks: AssessmentTasks): Promise<Outcome<string[], 'challenge_not_found' | 'challenge_repeated'>> {
  const ids = tasks.challengeVersionIds ?? tasks.challengeIds;
  if (ids.length === 0) throw new KodbroError('invalid_argument', 'An assessment needs at least one challenge');
  const rows: ({ id: string; challenge_id: string } | undefined)[] = [];
  for (const id of ids) {
    rows.push(
      tasks.challengeVersionIds
        ? await sql.get<{ id: string; challenge_id: string }>('SELECT v.id, v.challenge_id FROM challenge_versions v WHERE v.id = ? AND v.org_id = ?', id, orgId)
        : await sql.get<{ id: string; challenge_id: string }>(
            `SELECT v.id, v.challenge_id FROM challenges c JOIN challenge_versions v ON v.challenge_id = c.id AND v.version = c.latest_version
              WHERE c.id = ? AND c.org_id = ?`,
            id,
            orgId,
          ),
    );
  }
  if (rows.some((row) => !row)) return { ok: false, reason: 'challenge_not_found' };
  const found = rows as { id: string; challenge_id: string }[];
  if (new Set(found.map((row) => row.challenge_id)).size !== found.length) return { ok: false, reason: 'challenge_repeated' };
  return { ok: true, value: found.map((row) => row.id) };
}

async function writeTasks(sql: Sql, orgId: OrgId, assessmentId: string, versionIds: readonly string[]): Promise<void> {
  await sql.run('DELETE FROM assessment_challenges WHERE assessment_id = ? AND org_id = ?', assessmentId, orgId);
  for (const [position, versionId] of versionIds.entries()) {
    await sql.run('INSERT INTO assessment_challenges (org_id, assessment_id, position, challenge_version_id) VALUES (?, ?, ?, ?)', orgId, assessmentId, position, versionId);
  }
}

async function recordChange(
  sql: Sql,
  orgId: OrgId,
  assessmentId: string,
  entry: { kind: AssessmentChange['kind']; actor: ChangeActor; copiedFrom?: string; changes: SettingChange[] },
): Promise<void> {
  await sql.run(
    `INSERT INTO assessment_changes (id, org_id, assessment_id, kind, staff_user_id, staff_name, copied_from, changes, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    randomUUID(),
    orgId,
    assessmentId,
    entry.kind,
    entry.actor?.staffUserId ?? null,
    entry.actor?.staffName ?? null,
    entry.copiedFrom ?? null,
    JSON.stringify(entry.changes),
    sql.nowMs(),
  );
}

const settingsOf = (a: Assessment): AssessmentSettings => ({
  title: a.title,
  challengeVersionIds: a.challenges.map((c) => c.challengeVersionId),
  timeLimitMinutes: a.timeLimitMinutes,
  opensAt: a.opensAt,
  closesAt: a.closesAt,
  resultsVisibility: a.resultsVisibility,
  interfaceLanguages: a.interfaceLanguages,
  secondLanguagePercent: a.secondLanguagePercent,
  anonymousReview: a.anonymousReview,
});

/** What a new assessment holds, as changes from nothing, for the record. */
const initialChanges = (a: Assessment): SettingChange[] =>
  Object.entries(settingsOf(a)).map(([field, to]: [string, unknown]) => ({ field: field as SettingName, from: null, to: settingValue(to) }));

async function insertAssessment(sql: Sql, orgId: OrgId, fields: { title: string } & Settings, versionIds: readonly string[]): Promise<string> {
  const id = randomUUID();
  await sql.run(
    `INSERT INTO assessments (${ASSESSMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    id,
    orgId,
    fields.title,
    fields.timeLimitMinutes,
    fields.opensAt.getTime(),
    fields.closesAt.getTime(),
    fields.resultsVisibility,
    JSON.stringify(orderedLanguages(fields.interfaceLanguages)),
    fields.secondLanguagePercent,
    fields.anonymousReview ? 1 : 0,
    sql.nowMs(),
  );
  await writeTasks(sql, orgId, id, versionIds);
  return id;
}

export async function createAssessment(
  sql: Sql,
  orgId: OrgId,
  input: NewAssessment,
  actor: ChangeActor = null,
): Promise<Outcome<Assessment, 'challenge_not_found' | 'challenge_repeated'>> {
  const settings: Settings = {
    ...input,
    interfaceLanguages: input.interfaceLanguages ?? [...INTERFACE_LANGUAGES],
    secondLanguagePercent: input.secondLanguagePercent ?? DEFAULT_SECOND_LANGUAGE_PERCENT,
    anonymousReview: input.anonymousReview ?? false,
  };
  checkSettings(settings);
  const ids = input.challengeVersionIds ?? input.challengeIds;
  if (new Set(ids).size !== ids.length) throw new KodbroError('invalid_argument', 'A challenge appears twice in the assessment');
  return sql.write(async () => {
    const tasks = await resolveTasks(sql, orgId, input);
    if (!tasks.ok) return tasks;
    const id = await insertAssessment(sql, orgId, { title: input.title, ...settings }, tasks.value);
    const created = (await getAssessment(sql, orgId, id))!;
    await recordChange(sql, orgId, id, { kind: 'created', actor, changes: initialChanges(created) });
    return { ok: true, value: created } as const;
  });
}

async function toAssessment(sql: Sql, row: AssessmentRow): Promise<Assessment> {
  const challenges = await sql.all<{ position: number; challenge_id: string; challenge_version_id: string; version: number; title: string; meta: string | null }>(
    `SELECT ac.position, v.challenge_id, ac.challenge_version_id, v.version, v.title, v.meta
       FROM assessment_challenges ac JOIN challenge_versions v ON v.id = ac.challenge_version_id AND v.org_id = ac.org_id
      WHERE ac.assessment_id = ? AND ac.org_id = ?
      ORDER BY ac.position`,
    row.id,
    row.org_id,
  );
  const hasAttempts = (await sql.get('SELECT 1 FROM attempts a WHERE a.assessment_id = ? AND a.org_id = ? LIMIT 1', row.id, row.org_id)) !== undefined;
  return {
    id: row.id,
    orgId: asOrgId(row.org_id),
    title: row.title,
    challenges: challenges.map(
      (c): AssessmentChallenge => ({
        position: c.position,
        challengeId: c.challenge_id,
        challengeVersionId: c.challenge_version_id,
        version: c.version,
        title: c.title,
        meta: c.meta === null ? null : JSON.parse(c.meta),
      }),
    ),
    timeLimitMinutes: row.time_limit_minutes,
    opensAt: new Date(row.opens_at),
    closesAt: new Date(row.closes_at),
    resultsVisibility: row.results_visibility,
    // NULL: made before the setting existed, so every locale.
    interfaceLanguages: row.interface_languages === null ? [...INTERFACE_LANGUAGES] : (JSON.parse(row.interface_languages) as string[]),
    secondLanguagePercent: row.second_language_percent,
    anonymousReview: row.anonymous_review === 1,
    hasAttempts,
    createdAt: new Date(row.created_at),
  };
}

export async function getAssessment(sql: Sql, orgId: OrgId, assessmentId: string): Promise<Assessment | undefined> {
  const row = await sql.get<AssessmentRow>(`SELECT ${ASSESSMENT_COLUMNS} FROM assessments WHERE id = ? AND org_id = ?`, assessmentId, orgId);
  return row && toAssessment(sql, row);
}

export async function listAssessments(sql: Sql, orgId: OrgId): Promise<Assessment[]> {
  const rows = await sql.all<AssessmentRow>(`SELECT ${ASSESSMENT_COLUMNS} FROM assessments WHERE org_id = ? ORDER BY created_at, id`, orgId);
  const assessments: Assessment[] = [];
  for (const row of rows) assessments.push(await toAssessment(sql, row));
  return assessments;
}

export async function updateAssessment(
  sql: Sql,
  orgId: OrgId,
  assessmentId: string,
  changes: AssessmentChanges,
  actor: ChangeActor = null,
): Promise<Outcome<Assessment, 'not_found' | 'challenge_not_found' | 'challenge_repeated'> | Refused<'running', { fields: string[] }>> {
  return sql.write(async () => {
    const current = await getAssessment(sql, orgId, assessmentId);
    if (!current) return { ok: false, reason: 'not_found' } as const;
    const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as AssessmentChanges;
    let versionIds = current.challenges.map((c) => c.challengeVersionId);
    if (given.challengeVersionIds) {
      if (new Set(given.challengeVersionIds).size !== given.challengeVersionIds.length) throw new KodbroError('invalid_argument', 'A challenge appears twice in the assessment');
      const tasks = await resolveTasks(sql, orgId, { challengeVersionIds: given.challengeVersionIds });
      if (!tasks.ok) return tasks;
      versionIds = tasks.value;
    }
    const before = settingsOf(current);
    const after: AssessmentSettings = { ...before, ...given, challengeVersionIds: versionIds };
    if (given.interfaceLanguages) after.interfaceLanguages = orderedLanguages(given.interfaceLanguages);
    checkSettings(after);
    const diff = settingChanges(before, after);
    // Checked inside the write, so a candidate starting meanwhile cannot slip between the check and the change.
    const unsafe = current.hasAttempts ? unsafeWhileRunning(before, diff) : [];
    if (unsafe.length > 0) return { ok: false, reason: 'running', fields: unsafe.map((c) => c.field) } as const;
    if (diff.length === 0) return { ok: true, value: current } as const;
    await sql.run(
      `UPDATE assessments SET title = ?, time_limit_minutes = ?, opens_at = ?, closes_at = ?, results_visibility = ?, interface_languages = ?, second_language_percent = ?,
            anonymous_review = ?
        WHERE id = ? AND org_id = ?`,
      after.title,
      after.timeLimitMinutes,
      after.opensAt.getTime(),
      after.closesAt.getTime(),
      after.resultsVisibility,
      JSON.stringify(after.interfaceLanguages),
      after.secondLanguagePercent,
      after.anonymousReview ? 1 : 0,
      assessmentId,
      orgId,
    );
    if (diff.some((c) => c.field === 'challengeVersionIds')) await writeTasks(sql, orgId, assessmentId, versionIds);
    await recordChange(sql, orgId, assessmentId, { kind: 'updated', actor, changes: diff });
    return { ok: true, value: (await getAssessment(sql, orgId, assessmentId))! } as const;
  });
}

export async function duplicateAssessment(sql: Sql, orgId: OrgId, assessmentId: string, copy: AssessmentCopy, actor: ChangeActor = null): Promise<Assessment | undefined> {
  return sql.write(async () => {
    const original = await getAssessment(sql, orgId, assessmentId);
    if (!original) return undefined;
    const settings: Settings = { ...original, opensAt: copy.opensAt, closesAt: copy.closesAt };
    checkSettings(settings);
    const id = await insertAssessment(sql, orgId, { ...settings, title: copy.title }, original.challenges.map((c) => c.challengeVersionId));
    const created = (await getAssessment(sql, orgId, id))!;
    await recordChange(sql, orgId, id, { kind: 'created', actor, copiedFrom: assessmentId, changes: initialChanges(created) });
    return created;
  });
}

export async function listAssessmentChanges(sql: Sql, orgId: OrgId, assessmentId: string): Promise<AssessmentChange[] | undefined> {
  if (!(await sql.get('SELECT 1 FROM assessments WHERE id = ? AND org_id = ?', assessmentId, orgId))) return undefined;
  return (
    await sql.all<{ id: string; assessment_id: string; kind: AssessmentChange['kind']; staff_user_id: string | null; staff_name: string | null; copied_from: string | null; changes: string; created_at: number }>(
      // Oldest first. There is no rowid on PostgreSQL: within one millisecond the creation comes first (it is
      // always the first change); updates in the same millisecond have no recorded order and are taken by id.
      `SELECT id, assessment_id, kind, staff_user_id, staff_name, copied_from, changes, created_at FROM assessment_changes
        WHERE assessment_id = ? AND org_id = ? ORDER BY created_at, CASE WHEN kind = 'created' THEN 0 ELSE 1 END, id`,
      assessmentId,
      orgId,
    )
  ).map((row) => ({
    id: row.id,
    assessmentId: row.assessment_id,
    kind: row.kind,
    staffUserId: row.staff_user_id,
    staffName: row.staff_name,
    copiedFrom: row.copied_from,
    changes: JSON.parse(row.changes) as AssessmentChange['changes'],
    at: new Date(row.created_at),
  }));
}

export async function getAttemptAssessment(sql: Sql, attemptId: AttemptId): Promise<Assessment | undefined> {
  const row = await sql.get<AssessmentRow>(
    `SELECT ${ASSESSMENT_COLUMNS.split(', ').map((c) => `s.${c}`).join(', ')}
       FROM attempts a JOIN assessments s ON s.id = a.assessment_id AND s.org_id = a.org_id
      WHERE a.id = ?`,
    attemptId,
  );
  return row && toAssessment(sql, row);
}

/**
 * One invite row with a fresh token (hashed for lookup, sealed to show again)
 * and a fresh short code; inside the caller's write transaction.
 */
async function insertInvite(sql: Sql, linkKey: Uint8Array, orgId: OrgId, assessmentId: string, input: NewInvite, importKey: string | null): Promise<CreatedInvite> {
  const id = randomUUID();
  const token = newInviteToken();
  const extraMinutes = input.extraMinutes ?? 0;
  if (!Number.isInteger(extraMinutes) || extraMinutes < 0 || extraMinutes > 600) throw new KodbroError('invalid_argument', 'Extra time is 0 to 600 whole minutes');
  for (let i = 0; i < SHORT_CODE_TRIES; i++) {
    // ON CONFLICT DO NOTHING: a taken short code (or, never in practice, token hash) writes nothing; try another code.
    // The caller has checked the import key inside the same transaction, so it is not the conflict.
    const changed = await sql.run(
      `INSERT INTO invites (id, org_id, assessment_id, token_hash, token_sealed, short_code, candidate_name, contact,
                           preferred_language, extra_minutes, import_key, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      id,
      orgId,
      assessmentId,
      hashInviteToken(token),
      sealInviteToken(linkKey, id, token),
      newShortCode(),
      input.candidateName ?? null,
      input.contact ?? null,
      input.preferredLanguage ?? null,
      extraMinutes,
      importKey,
      sql.nowMs(),
    );
    if (changed === 1) return { invite: (await getInvite(sql, orgId, id))!, token };
  }
  throw new KodbroError('internal', `No free short code after ${SHORT_CODE_TRIES} tries`);
}

const assessmentExists = async (sql: Sql, orgId: OrgId, assessmentId: string): Promise<boolean> =>
  (await sql.get('SELECT 1 FROM assessments WHERE id = ? AND org_id = ?', assessmentId, orgId)) !== undefined;

async function inviteCount(sql: Sql, orgId: OrgId, assessmentId: string): Promise<number> {
  return Number((await sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM invites WHERE assessment_id = ? AND org_id = ?', assessmentId, orgId))!.n);
}

export async function createInvite(
  sql: Sql,
  linkKey: Uint8Array,
  orgId: OrgId,
  assessmentId: string,
  input: NewInvite,
  maxInvites: number,
): Promise<Outcome<CreatedInvite, 'assessment_not_found' | 'full'>> {
  return sql.write(async () => {
    if (!(await assessmentExists(sql, orgId, assessmentId))) return { ok: false, reason: 'assessment_not_found' } as const;
    if ((await inviteCount(sql, orgId, assessmentId)) >= maxInvites) return { ok: false, reason: 'full' } as const;
    return { ok: true, value: await insertInvite(sql, linkKey, orgId, assessmentId, input, null) } as const;
  });
}

export async function listInviteImportKeys(sql: Sql, orgId: OrgId, assessmentId: string): Promise<Set<string>> {
  const rows = await sql.all<{ import_key: string }>(
    'SELECT import_key FROM invites WHERE assessment_id = ? AND org_id = ? AND import_key IS NOT NULL',
    assessmentId,
    orgId,
  );
  return new Set(rows.map((row) => row.import_key));
}

export async function importInvites(
  sql: Sql,
  linkKey: Uint8Array,
  orgId: OrgId,
  assessmentId: string,
  rows: readonly ImportedInvite[],
  maxInvites: number,
): Promise<Outcome<{ created: Map<string, CreatedInvite>; existing: Set<string> }, 'assessment_not_found' | 'full'>> {
  return sql.write(async () => {
    if (!(await assessmentExists(sql, orgId, assessmentId))) return { ok: false, reason: 'assessment_not_found' } as const;
    // Read inside the write transaction: a second import racing this one waits (SQLite) or is run again after a
    // serialisation failure (PostgreSQL), then sees these rows.
    const used = await listInviteImportKeys(sql, orgId, assessmentId);
    const fresh = new Set(rows.map((row) => row.importKey).filter((key) => !used.has(key)));
    // All or nothing: half a class invited is worse than a clear refusal.
    if ((await inviteCount(sql, orgId, assessmentId)) + fresh.size > maxInvites) return { ok: false, reason: 'full' } as const;
    const created = new Map<string, CreatedInvite>();
    const existing = new Set<string>();
    for (const row of rows) {
      if (used.has(row.importKey)) {
        existing.add(row.importKey);
        continue;
      }
      used.add(row.importKey);
      created.set(row.importKey, await insertInvite(sql, linkKey, orgId, assessmentId, row, row.importKey));
    }
    return { ok: true, value: { created, existing } } as const;
  });
}

export async function getInviteToken(sql: Sql, linkKey: Uint8Array, orgId: OrgId, inviteId: string): Promise<Outcome<string, 'not_found' | 'unavailable'>> {
  const row = await sql.get<{ token_sealed: string | null }>('SELECT token_sealed FROM invites WHERE id = ? AND org_id = ?', inviteId, orgId);
  if (!row) return { ok: false, reason: 'not_found' };
  const token = row.token_sealed === null ? undefined : openInviteToken(linkKey, inviteId, row.token_sealed);
  return token === undefined ? { ok: false, reason: 'unavailable' } : { ok: true, value: token };
}

export async function listInviteTokens(sql: Sql, linkKey: Uint8Array, orgId: OrgId, assessmentId: string): Promise<Map<string, string>> {
  const rows = await sql.all<{ id: string; token_sealed: string }>(
    'SELECT id, token_sealed FROM invites WHERE assessment_id = ? AND org_id = ? AND token_sealed IS NOT NULL',
    assessmentId,
    orgId,
  );
  const tokens = new Map<string, string>();
  for (const row of rows) {
    const token = openInviteToken(linkKey, row.id, row.token_sealed);
    if (token !== undefined) tokens.set(row.id, token);
  }
  return tokens;
}

export async function reissueInvite(sql: Sql, linkKey: Uint8Array, orgId: OrgId, inviteId: string): Promise<Outcome<CreatedInvite, 'not_found' | 'revoked'>> {
  return sql.write(async () => {
    const current = await getInvite(sql, orgId, inviteId);
    if (!current) return { ok: false, reason: 'not_found' } as const;
    if (current.revokedAt) return { ok: false, reason: 'revoked' } as const;
    const token = newInviteToken();
    const tokenHash = hashInviteToken(token);
    for (let i = 0; i < SHORT_CODE_TRIES; i++) {
      // A taken short code (or, never in practice, token hash) is retried with another. The update checks for it
      // itself (NOT EXISTS) rather than leaning on the unique violation: PostgreSQL has no `UPDATE OR IGNORE`, and
      // a failed statement there ends the whole transaction.
      const shortCode = newShortCode();
      const changed = await sql.run(
        `UPDATE invites SET token_hash = ?, token_sealed = ?, short_code = ?
          WHERE id = ? AND org_id = ?
            AND NOT EXISTS (SELECT 1 FROM invites o WHERE (o.short_code = ? OR o.token_hash = ?) AND o.id <> ?)`,
        tokenHash,
        sealInviteToken(linkKey, inviteId, token),
        shortCode,
        inviteId,
        orgId,
        shortCode,
        tokenHash,
        inviteId,
      );
      if (changed === 1) {
        // A link is re-issued because the old one went astray: whoever opened it is signed out with it (the candidate's work is kept; the new link opens it again).
        await sql.run("DELETE FROM sessions WHERE kind = 'candidate' AND invite_id = ? AND org_id = ?", inviteId, orgId);
        return { ok: true, value: { invite: (await getInvite(sql, orgId, inviteId))!, token } } as const;
      }
    }
    throw new KodbroError('internal', `No free short code after ${SHORT_CODE_TRIES} tries`);
  });
}

export async function extendInvite(sql: Sql, orgId: OrgId, inviteId: string, expiresAt: Date): Promise<Outcome<Invite, 'not_found' | 'revoked' | 'not_later'>> {
  return sql.write(async () => {
    const row = await sql.get<{ revoked_at: number | null; ends_at: number }>(
      `SELECT i.revoked_at, COALESCE(i.expires_at, s.closes_at) AS ends_at
         FROM invites i JOIN assessments s ON s.id = i.assessment_id AND s.org_id = i.org_id
        WHERE i.id = ? AND i.org_id = ?`,
      inviteId,
      orgId,
    );
    if (!row) return { ok: false, reason: 'not_found' } as const;
    if (row.revoked_at !== null) return { ok: false, reason: 'revoked' } as const;
    if (expiresAt.getTime() <= Math.max(row.ends_at, sql.nowMs())) return { ok: false, reason: 'not_later' } as const;
    await sql.run('UPDATE invites SET expires_at = ? WHERE id = ? AND org_id = ?', expiresAt.getTime(), inviteId, orgId);
    return { ok: true, value: (await getInvite(sql, orgId, inviteId))! } as const;
  });
}

export async function getInvite(sql: Sql, orgId: OrgId, inviteId: string): Promise<Invite | undefined> {
  const row = await sql.get<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites i WHERE i.id = ? AND i.org_id = ?`, inviteId, orgId);
  return row && toInvite(row);
}

export async function listInvites(sql: Sql, orgId: OrgId, assessmentId: string): Promise<Invite[]> {
  return (
    await sql.all<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites i WHERE i.assessment_id = ? AND i.org_id = ? ORDER BY i.created_at, i.id`, assessmentId, orgId)
  ).map(toInvite);
}

export async function revokeInvite(sql: Sql, orgId: OrgId, inviteId: string): Promise<Invite | undefined> {
  await sql.run('UPDATE invites SET revoked_at = ? WHERE id = ? AND org_id = ? AND revoked_at IS NULL', sql.nowMs(), inviteId, orgId);
  return getInvite(sql, orgId, inviteId);
}

export async function findInviteByToken(sql: Sql, token: string): Promise<Invite | undefined> {
  const row = await sql.get<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites i WHERE i.token_hash = ?`, hashInviteToken(token));
  return row && toInvite(row);
}

export async function findInviteByShortCode(sql: Sql, code: string): Promise<Invite | undefined> {
  const normalized = normalizeShortCode(code);
  if (!normalized) return undefined;
  const row = await sql.get<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites i WHERE i.short_code = ?`, normalized);
  return row && toInvite(row);
}
