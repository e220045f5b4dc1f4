import { randomUUID } from 'node:crypto';
import { KodbroError } from '../../errors.ts';
import { asOrgId, type AttemptId, type OrgId } from '../ids.ts';
import { RESULTS_VISIBILITY, type Assessment, type AssessmentChallenge, type Invite } from '../model.ts';
import { hashInviteToken, newInviteToken, newShortCode, normalizeShortCode, openInviteToken, sealInviteToken } from '../secrets.ts';
import type { AssessmentChanges, CreatedInvite, ImportedInvite, NewAssessment, NewInvite, Outcome } from '../store.ts';
import type { Sql } from './db.ts';
import { INVITE_COLUMNS, toInvite, type AssessmentRow, type InviteRow } from './rows.ts';

const ASSESSMENT_COLUMNS = 'id, org_id, title, time_limit_minutes, opens_at, closes_at, results_visibility, created_at';
/** Tries at a fresh short code before giving up; a collision is already rare (30^8 codes). */
const SHORT_CODE_TRIES = 10;

function checkTimes(input: Pick<NewAssessment, 'timeLimitMinutes' | 'opensAt' | 'closesAt' | 'resultsVisibility'>): void {
  if (!Number.isInteger(input.timeLimitMinutes) || input.timeLimitMinutes <= 0 || input.timeLimitMinutes > 7 * 24 * 60) {
    throw new KodbroError('invalid_argument', 'The time limit is a whole number of minutes, at least 1 and at most a week');
  }
  if (!(input.closesAt.getTime() > input.opensAt.getTime())) throw new KodbroError('invalid_argument', 'An assessment must close after it opens');
  if (!RESULTS_VISIBILITY.includes(input.resultsVisibility)) throw new KodbroError('invalid_argument', `Unknown results visibility ${input.resultsVisibility}`);
}

export function createAssessment(sql: Sql, orgId: OrgId, input: NewAssessment): Outcome<Assessment, 'challenge_not_found'> {
  checkTimes(input);
  if (input.challengeIds.length === 0) throw new KodbroError('invalid_argument', 'An assessment needs at least one challenge');
  if (new Set(input.challengeIds).size !== input.challengeIds.length) throw new KodbroError('invalid_argument', 'A challenge appears twice in the assessment');
  return sql.write(() => {
    const versionIds: string[] = [];
    for (const challengeId of input.challengeIds) {
      const row = sql.get<{ id: string }>(
        `SELECT v.id FROM challenges c JOIN challenge_versions v ON v.challenge_id = c.id AND v.version = c.latest_version
          WHERE c.id = ? AND c.org_id = ?`,
        challengeId,
        orgId,
      );
      if (!row) return { ok: false, reason: 'challenge_not_found' } as const;
      versionIds.push(row.id);
    }
    const id = randomUUID();
    sql.run(
      `INSERT INTO assessments (${ASSESSMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      id,
      orgId,
      input.title,
      input.timeLimitMinutes,
      input.opensAt.getTime(),
      input.closesAt.getTime(),
      input.resultsVisibility,
      sql.nowMs(),
    );
    versionIds.forEach((versionId, position) =>
      sql.run('INSERT INTO assessment_challenges (org_id, assessment_id, position, challenge_version_id) VALUES (?, ?, ?, ?)', orgId, id, position, versionId),
    );
    return { ok: true, value: getAssessment(sql, orgId, id)! } as const;
  });
}

function toAssessment(sql: Sql, row: AssessmentRow): Assessment {
  const challenges = sql.all<{ position: number; challenge_id: string; challenge_version_id: string; version: number; title: string; meta: string | null }>(
    `SELECT ac.position, v.challenge_id, ac.challenge_version_id, v.version, v.title, v.meta
       FROM assessment_challenges ac JOIN challenge_versions v ON v.id = ac.challenge_version_id AND v.org_id = ac.org_id
      WHERE ac.assessment_id = ? AND ac.org_id = ?
      ORDER BY ac.position`,
    row.id,
    row.org_id,
  );
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
    createdAt: new Date(row.created_at),
  };
}

export function getAssessment(sql: Sql, orgId: OrgId, assessmentId: string): Assessment | undefined {
  const row = sql.get<AssessmentRow>(`SELECT ${ASSESSMENT_COLUMNS} FROM assessments WHERE id = ? AND org_id = ?`, assessmentId, orgId);
  return row && toAssessment(sql, row);
}

export function listAssessments(sql: Sql, orgId: OrgId): Assessment[] {
  return sql
    .all<AssessmentRow>(`SELECT ${ASSESSMENT_COLUMNS} FROM assessments WHERE org_id = ? ORDER BY created_at, id`, orgId)
    .map((row) => toAssessment(sql, row));
}

export function updateAssessment(sql: Sql, orgId: OrgId, assessmentId: string, changes: AssessmentChanges): Assessment | undefined {
  return sql.write(() => {
    const current = getAssessment(sql, orgId, assessmentId);
    if (!current) return undefined;
    const next = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
    checkTimes(next);
    sql.run(
      `UPDATE assessments SET title = ?, time_limit_minutes = ?, opens_at = ?, closes_at = ?, results_visibility = ?
        WHERE id = ? AND org_id = ?`,
      next.title,
      next.timeLimitMinutes,
      next.opensAt.getTime(),
      next.closesAt.getTime(),
      next.resultsVisibility,
      assessmentId,
      orgId,
    );
    return getAssessment(sql, orgId, assessmentId);
  });
}

export function getAttemptAssessment(sql: Sql, attemptId: AttemptId): Assessment | undefined {
  const row = sql.get<AssessmentRow>(
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
function insertInvite(sql: Sql, linkKey: Uint8Array, orgId: OrgId, assessmentId: string, input: NewInvite, importKey: string | null): CreatedInvite {
  const id = randomUUID();
  const token = newInviteToken();
  const extraMinutes = input.extraMinutes ?? 0;
  if (!Number.isInteger(extraMinutes) || extraMinutes < 0 || extraMinutes > 600) throw new KodbroError('invalid_argument', 'Extra time is 0 to 600 whole minutes');
  for (let i = 0; i < SHORT_CODE_TRIES; i++) {
    // ON CONFLICT DO NOTHING: a taken short code (or, never in practice, token hash) writes nothing; try another code.
    // The caller has checked the import key inside the same transaction, so it is not the conflict.
    const changed = sql.run(
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
    if (changed === 1) return { invite: getInvite(sql, orgId, id)!, token };
  }
  throw new KodbroError('internal', `No free short code after ${SHORT_CODE_TRIES} tries`);
}

const assessmentExists = (sql: Sql, orgId: OrgId, assessmentId: string) => sql.get('SELECT 1 FROM assessments WHERE id = ? AND org_id = ?', assessmentId, orgId) !== undefined;

export function createInvite(sql: Sql, linkKey: Uint8Array, orgId: OrgId, assessmentId: string, input: NewInvite = {}): Outcome<CreatedInvite, 'assessment_not_found'> {
  return sql.write(() => {
    if (!assessmentExists(sql, orgId, assessmentId)) return { ok: false, reason: 'assessment_not_found' } as const;
    return { ok: true, value: insertInvite(sql, linkKey, orgId, assessmentId, input, null) } as const;
  });
}

export function listInviteImportKeys(sql: Sql, orgId: OrgId, assessmentId: string): Set<string> {
  const rows = sql.all<{ import_key: string }>(
    'SELECT import_key FROM invites WHERE assessment_id = ? AND org_id = ? AND import_key IS NOT NULL',
    assessmentId,
    orgId,
  );
  return new Set(rows.map((row) => row.import_key));
}

export function importInvites(
  sql: Sql,
  linkKey: Uint8Array,
  orgId: OrgId,
  assessmentId: string,
  rows: readonly ImportedInvite[],
): Outcome<{ created: Map<string, CreatedInvite>; existing: Set<string> }, 'assessment_not_found'> {
  return sql.write(() => {
    if (!assessmentExists(sql, orgId, assessmentId)) return { ok: false, reason: 'assessment_not_found' } as const;
    // Read inside the write transaction: a second import racing this one waits, then sees these rows.
    const used = listInviteImportKeys(sql, orgId, assessmentId);
    const created = new Map<string, CreatedInvite>();
    const existing = new Set<string>();
    for (const row of rows) {
      if (used.has(row.importKey)) {
        existing.add(row.importKey);
        continue;
      }
      used.add(row.importKey);
      created.set(row.importKey, insertInvite(sql, linkKey, orgId, assessmentId, row, row.importKey));
    }
    return { ok: true, value: { created, existing } } as const;
  });
}

export function getInviteToken(sql: Sql, linkKey: Uint8Array, orgId: OrgId, inviteId: string): Outcome<string, 'not_found' | 'unavailable'> {
  const row = sql.get<{ token_sealed: string | null }>('SELECT token_sealed FROM invites WHERE id = ? AND org_id = ?', inviteId, orgId);
  if (!row) return { ok: false, reason: 'not_found' };
  const token = row.token_sealed === null ? undefined : openInviteToken(linkKey, inviteId, row.token_sealed);
  return token === undefined ? { ok: false, reason: 'unavailable' } : { ok: true, value: token };
}

export function listInviteTokens(sql: Sql, linkKey: Uint8Array, orgId: OrgId, assessmentId: string): Map<string, string> {
  const rows = sql.all<{ id: string; token_sealed: string }>(
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

export function reissueInvite(sql: Sql, linkKey: Uint8Array, orgId: OrgId, inviteId: string): Outcome<CreatedInvite, 'not_found' | 'revoked'> {
  return sql.write(() => {
    const current = getInvite(sql, orgId, inviteId);
    if (!current) return { ok: false, reason: 'not_found' } as const;
    if (current.revokedAt) return { ok: false, reason: 'revoked' } as const;
    const token = newInviteToken();
    for (let i = 0; i < SHORT_CODE_TRIES; i++) {
      // A taken short code (a unique violation) is retried with another; `OR IGNORE` is SQLite's spelling of that here.
      const changed = sql.run(
        'UPDATE OR IGNORE invites SET token_hash = ?, token_sealed = ?, short_code = ? WHERE id = ? AND org_id = ?',
        hashInviteToken(token),
        sealInviteToken(linkKey, inviteId, token),
        newShortCode(),
        inviteId,
        orgId,
      );
      if (changed === 1) return { ok: true, value: { invite: getInvite(sql, orgId, inviteId)!, token } } as const;
    }
    throw new KodbroError('internal', `No free short code after ${SHORT_CODE_TRIES} tries`);
  });
}

export function extendInvite(sql: Sql, orgId: OrgId, inviteId: string, expiresAt: Date): Outcome<Invite, 'not_found' | 'revoked' | 'not_later'> {
  return sql.write(() => {
    const row = sql.get<{ revoked_at: number | null; ends_at: number }>(
      `SELECT i.revoked_at, COALESCE(i.expires_at, s.closes_at) AS ends_at
         FROM invites i JOIN assessments s ON s.id = i.assessment_id AND s.org_id = i.org_id
        WHERE i.id = ? AND i.org_id = ?`,
      inviteId,
      orgId,
    );
    if (!row) return { ok: false, reason: 'not_found' } as const;
    if (row.revoked_at !== null) return { ok: false, reason: 'revoked' } as const;
    if (expiresAt.getTime() <= Math.max(row.ends_at, sql.nowMs())) return { ok: false, reason: 'not_later' } as const;
    sql.run('UPDATE invites SET expires_at = ? WHERE id = ? AND org_id = ?', expiresAt.getTime(), inviteId, orgId);
    return { ok: true, value: getInvite(sql, orgId, inviteId)! } as const;
  });
}

export function getInvite(sql: Sql, orgId: OrgId, inviteId: string): Invite | undefined {
  const row = sql.get<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites i WHERE i.id = ? AND i.org_id = ?`, inviteId, orgId);
  return row && toInvite(row);
}

export function listInvites(sql: Sql, orgId: OrgId, assessmentId: string): Invite[] {
  return sql
    .all<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites i WHERE i.assessment_id = ? AND i.org_id = ? ORDER BY i.created_at, i.id`, assessmentId, orgId)
    .map(toInvite);
}

export function revokeInvite(sql: Sql, orgId: OrgId, inviteId: string): Invite | undefined {
  sql.run('UPDATE invites SET revoked_at = ? WHERE id = ? AND org_id = ? AND revoked_at IS NULL', sql.nowMs(), inviteId, orgId);
  return getInvite(sql, orgId, inviteId);
}

export function findInviteByToken(sql: Sql, token: string): Invite | undefined {
  const row = sql.get<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites i WHERE i.token_hash = ?`, hashInviteToken(token));
  return row && toInvite(row);
}

export function findInviteByShortCode(sql: Sql, code: string): Invite | undefined {
  const normalized = normalizeShortCode(code);
  if (!normalized) return undefined;
  const row = sql.get<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites i WHERE i.short_code = ?`, normalized);
  return row && toInvite(row);
}
