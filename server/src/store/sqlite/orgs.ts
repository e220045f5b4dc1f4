import { randomUUID } from 'node:crypto';
import { KodbroError } from '../../errors.ts';
import { asOrgId, type OrgId } from '../ids.ts';
import type { Organisation, StaffCredentials, StaffRoles, StaffUser } from '../model.ts';
import type { NewStaffUser, NewStaffWelcome, Outcome } from '../store.ts';
import type { Sql } from './db.ts';
import { toOrganisation, toStaffCredentials, toStaffUser, type OrganisationRow, type StaffRow } from './rows.ts';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const STAFF_COLUMNS = 'id, org_id, email, display_name, password_hash, is_author, is_recruiter, is_admin, created_at';

/** E-mail addresses compare trimmed and lower-cased. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
const bit = (flag: boolean): number => (flag ? 1 : 0);

export function createOrganisation(sql: Sql, input: { name: string; slug: string }): Outcome<Organisation, 'slug_taken'> {
  if (!SLUG.test(input.slug)) throw new KodbroError('invalid_argument', `Organisation slug ${JSON.stringify(input.slug)} must be lower-case letters, digits and dashes`);
  const id = randomUUID();
  const changed = sql.run(
    'INSERT INTO organisations (id, name, slug, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (slug) DO NOTHING',
    id,
    input.name,
    input.slug,
    sql.nowMs(),
  );
  if (changed === 0) return { ok: false, reason: 'slug_taken' };
  return { ok: true, value: toOrganisation(sql.get<OrganisationRow>('SELECT * FROM organisations WHERE id = ?', id)!) };
}

export function getOrganisation(sql: Sql, orgId: OrgId): Organisation | undefined {
  const row = sql.get<OrganisationRow>('SELECT * FROM organisations WHERE id = ?', orgId);
  return row && toOrganisation(row);
}

export function findOrganisationBySlug(sql: Sql, slug: string): Organisation | undefined {
  const row = sql.get<OrganisationRow>('SELECT * FROM organisations WHERE slug = ?', slug);
  return row && toOrganisation(row);
}

export function createStaffUser(
  sql: Sql,
  orgId: OrgId,
  input: NewStaffUser,
): Outcome<StaffUser, 'email_taken' | 'org_not_found'> {
  return sql.write(() => insertStaffUser(sql, orgId, input));
}

/** Inside a write transaction. */
function insertStaffUser(sql: Sql, orgId: OrgId, input: NewStaffUser): Outcome<StaffUser, 'email_taken' | 'org_not_found'> {
  const email = normalizeEmail(input.email);
  if (!email.includes('@')) throw new KodbroError('invalid_argument', 'A staff e-mail address needs an @');
  if (input.passwordHash.length === 0) throw new KodbroError('invalid_argument', 'A staff user needs a password hash');
  {
    if (!getOrganisation(sql, orgId)) return { ok: false, reason: 'org_not_found' } as const;
    if (sql.get('SELECT 1 FROM staff_users WHERE org_id = ? AND email = ?', orgId, email)) return { ok: false, reason: 'email_taken' } as const;
    const id = randomUUID();
    sql.run(
      `INSERT INTO staff_users (${STAFF_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      id,
      orgId,
      email,
      input.displayName,
      input.passwordHash,
      bit(input.roles.author),
      bit(input.roles.recruiter),
      bit(input.roles.admin),
      sql.nowMs(),
    );
    return { ok: true, value: getStaffUser(sql, orgId, id)! } as const;
  }
}

export function inviteStaffUser(sql: Sql, orgId: OrgId, input: NewStaffUser, welcome: NewStaffWelcome): Outcome<StaffUser, 'email_taken' | 'org_not_found'> {
  return sql.write(() => {
    const created = insertStaffUser(sql, orgId, input);
    if (created.ok) {
      sql.run(
        'INSERT INTO staff_welcomes (token_hash, org_id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
        welcome.tokenHash,
        orgId,
        created.value.id,
        sql.nowMs(),
        welcome.expiresAt.getTime(),
      );
    }
    return created;
  });
}

export function pendingStaffWelcomes(sql: Sql, orgId: OrgId): Map<string, Date> {
  const rows = sql.all<{ user_id: string; expires_at: number }>(
    'SELECT user_id, MAX(expires_at) AS expires_at FROM staff_welcomes WHERE org_id = ? AND expires_at > ? GROUP BY user_id',
    orgId,
    sql.nowMs(),
  );
  return new Map(rows.map((row) => [row.user_id, new Date(row.expires_at)]));
}

export function staffWelcomeIsOpen(sql: Sql, tokenHash: string): boolean {
  return sql.get('SELECT 1 FROM staff_welcomes WHERE token_hash = ? AND expires_at > ?', tokenHash, sql.nowMs()) !== undefined;
}

export function redeemStaffWelcome(sql: Sql, tokenHash: string, passwordHash: string): Outcome<StaffUser, 'not_found'> {
  if (passwordHash.length === 0) throw new KodbroError('invalid_argument', 'A staff user needs a password hash');
  return sql.write(() => {
    const welcome = sql.get<{ org_id: string; user_id: string }>('SELECT org_id, user_id FROM staff_welcomes WHERE token_hash = ? AND expires_at > ?', tokenHash, sql.nowMs());
    if (!welcome) return { ok: false, reason: 'not_found' } as const;
    const orgId = asOrgId(welcome.org_id);
    sql.run('UPDATE staff_users SET password_hash = ? WHERE id = ? AND org_id = ?', passwordHash, welcome.user_id, orgId);
    sql.run('DELETE FROM staff_welcomes WHERE org_id = ? AND user_id = ?', orgId, welcome.user_id);
    return { ok: true, value: getStaffUser(sql, orgId, welcome.user_id)! } as const;
  });
}

export function removeStaffUser(sql: Sql, orgId: OrgId, userId: string): Outcome<{ user: StaffUser; endedSessions: string[] }, 'not_found' | 'last_admin'> {
  return sql.write(() => {
    const user = getStaffUser(sql, orgId, userId);
    if (!user) return { ok: false, reason: 'not_found' } as const;
    if (user.roles.admin && !hasOtherAdmin(sql, orgId, userId)) return { ok: false, reason: 'last_admin' } as const;
    const endedSessions = sql.all<{ id_hash: string }>("SELECT id_hash FROM sessions WHERE kind = 'staff' AND org_id = ? AND user_id = ?", orgId, userId).map((row) => row.id_hash);
    sql.run("DELETE FROM sessions WHERE kind = 'staff' AND org_id = ? AND user_id = ?", orgId, userId);
    sql.run('DELETE FROM staff_welcomes WHERE org_id = ? AND user_id = ?', orgId, userId);
    sql.run('DELETE FROM staff_users WHERE id = ? AND org_id = ?', userId, orgId);
    return { ok: true, value: { user, endedSessions } } as const;
  });
}

function hasOtherAdmin(sql: Sql, orgId: OrgId, userId: string): boolean {
  return sql.get('SELECT 1 FROM staff_users WHERE org_id = ? AND is_admin = 1 AND id <> ?', orgId, userId) !== undefined;
}

export function getStaffUser(sql: Sql, orgId: OrgId, userId: string): StaffUser | undefined {
  const row = sql.get<StaffRow>(`SELECT ${STAFF_COLUMNS} FROM staff_users WHERE id = ? AND org_id = ?`, userId, orgId);
  return row && toStaffUser(row);
}

export function listStaffUsers(sql: Sql, orgId: OrgId): StaffUser[] {
  return sql.all<StaffRow>(`SELECT ${STAFF_COLUMNS} FROM staff_users WHERE org_id = ? ORDER BY email`, orgId).map(toStaffUser);
}

export function updateStaffRoles(sql: Sql, orgId: OrgId, userId: string, roles: StaffRoles): Outcome<StaffUser, 'not_found' | 'last_admin'> {
  return sql.write(() => {
    const current = getStaffUser(sql, orgId, userId);
    if (!current) return { ok: false, reason: 'not_found' } as const;
    if (current.roles.admin && !roles.admin && !hasOtherAdmin(sql, orgId, userId)) return { ok: false, reason: 'last_admin' } as const;
    sql.run(
      'UPDATE staff_users SET is_author = ?, is_recruiter = ?, is_admin = ? WHERE id = ? AND org_id = ?',
      bit(roles.author),
      bit(roles.recruiter),
      bit(roles.admin),
      userId,
      orgId,
    );
    return { ok: true, value: getStaffUser(sql, orgId, userId)! } as const;
  });
}

export function setStaffPasswordHash(sql: Sql, orgId: OrgId, userId: string, passwordHash: string): boolean {
  if (passwordHash.length === 0) throw new KodbroError('invalid_argument', 'A staff user needs a password hash');
  return sql.run('UPDATE staff_users SET password_hash = ? WHERE id = ? AND org_id = ?', passwordHash, userId, orgId) === 1;
}

export function findStaffForSignIn(sql: Sql, email: string, options: { limit: number; organisationSlug?: string }): StaffCredentials[] {
  const limit = Math.max(0, Math.floor(options.limit));
  const columns = STAFF_COLUMNS.split(', ').map((c) => `s.${c}`).join(', ');
  const rows =
    options.organisationSlug === undefined
      ? sql.all<StaffRow>(`SELECT ${columns} FROM staff_users s WHERE s.email = ? ORDER BY s.created_at, s.id LIMIT ?`, normalizeEmail(email), limit)
      : sql.all<StaffRow>(
          `SELECT ${columns} FROM staff_users s JOIN organisations o ON o.id = s.org_id WHERE s.email = ? AND o.slug = ? ORDER BY s.created_at, s.id LIMIT ?`,
          normalizeEmail(email),
          options.organisationSlug,
          limit,
        );
  return rows.map(toStaffCredentials);
}
