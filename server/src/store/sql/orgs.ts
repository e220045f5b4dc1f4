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

export async function createOrganisation(sql: Sql, input: { name: string; slug: string }): Promise<Outcome<Organisation, 'slug_taken'>> {
  if (!SLUG.test(input.slug)) throw new KodbroError('invalid_argument', `Organisation slug ${JSON.stringify(input.slug)} must be lower-case letters, digits and dashes`);
  const id = randomUUID();
  const changed = await sql.run(
    'INSERT INTO organisations (id, name, slug, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (slug) DO NOTHING',
    id,
    input.name,
    input.slug,
    sql.nowMs(),
  );
  if (changed === 0) return { ok: false, reason: 'slug_taken' };
  return { ok: true, value: toOrganisation((await sql.get<OrganisationRow>('SELECT * FROM organisations WHERE id = ?', id))!) };
}

export async function getOrganisation(sql: Sql, orgId: OrgId): Promise<Organisation | undefined> {
  const row = await sql.get<OrganisationRow>('SELECT * FROM organisations WHERE id = ?', orgId);
  return row && toOrganisation(row);
}

export async function findOrganisationBySlug(sql: Sql, slug: string): Promise<Organisation | undefined> {
  const row = await sql.get<OrganisationRow>('SELECT * FROM organisations WHERE slug = ?', slug);
  return row && toOrganisation(row);
}

export async function createStaffUser(
  sql: Sql,
  orgId: OrgId,
  input: NewStaffUser,
): Promise<Outcome<StaffUser, 'email_taken' | 'org_not_found'>> {
  return sql.write(async () => insertStaffUser(sql, orgId, input));
}

/** Inside a write transaction. */
async function insertStaffUser(sql: Sql, orgId: OrgId, input: NewStaffUser): Promise<Outcome<StaffUser, 'email_taken' | 'org_not_found'>> {
  const email = normalizeEmail(input.email);
  if (!email.includes('@')) throw new KodbroError('invalid_argument', 'A staff e-mail address needs an @');
  if (input.passwordHash.length === 0) throw new KodbroError('invalid_argument', 'A staff user needs a password hash');
  {
    if (!(await getOrganisation(sql, orgId))) return { ok: false, reason: 'org_not_found' } as const;
    if (await sql.get('SELECT 1 FROM staff_users WHERE org_id = ? AND email = ?', orgId, email)) return { ok: false, reason: 'email_taken' } as const;
    const id = randomUUID();
    await sql.run(
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
    return { ok: true, value: (await getStaffUser(sql, orgId, id))! } as const;
  }
}

export async function inviteStaffUser(sql: Sql, orgId: OrgId, input: NewStaffUser, welcome: NewStaffWelcome): Promise<Outcome<StaffUser, 'email_taken' | 'org_not_found'>> {
  return sql.write(async () => {
    const created = await insertStaffUser(sql, orgId, input);
    if (created.ok) {
      await sql.run(
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

export async function pendingStaffWelcomes(sql: Sql, orgId: OrgId): Promise<Map<string, Date>> {
  const rows = await sql.all<{ user_id: string; expires_at: number }>(
    'SELECT user_id, MAX(expires_at) AS expires_at FROM staff_welcomes WHERE org_id = ? AND expires_at > ? GROUP BY user_id',
    orgId,
    sql.nowMs(),
  );
  return new Map(rows.map((row) => [row.user_id, new Date(row.expires_at)]));
}

export async function staffWelcomeIsOpen(sql: Sql, tokenHash: string): Promise<boolean> {
  return (await sql.get('SELECT 1 FROM staff_welcomes WHERE token_hash = ? AND expires_at > ?', tokenHash, sql.nowMs())) !== undefined;
}

export async function redeemStaffWelcome(sql: Sql, tokenHash: string, passwordHash: string): Promise<Outcome<StaffUser, 'not_found'>> {
  if (passwordHash.length === 0) throw new KodbroError('invalid_argument', 'A staff user needs a password hash');
  return sql.write(async () => {
    const welcome = await sql.get<{ org_id: string; user_id: string }>('SELECT org_id, user_id FROM staff_welcomes WHERE token_hash = ? AND expires_at > ?', tokenHash, sql.nowMs());
    if (!welcome) return { ok: false, reason: 'not_found' } as const;
    const orgId = asOrgId(welcome.org_id);
    await sql.run('UPDATE staff_users SET password_hash = ? WHERE id = ? AND org_id = ?', passwordHash, welcome.user_id, orgId);
    await sql.run('DELETE FROM staff_welcomes WHERE org_id = ? AND user_id = ?', orgId, welcome.user_id);
    return { ok: true, value: (await getStaffUser(sql, orgId, welcome.user_id))! } as const;
  });
}

export async function removeStaffUser(sql: Sql, orgId: OrgId, userId: string): Promise<Outcome<{ user: StaffUser; endedSessions: string[] }, 'not_found' | 'last_admin'>> {
  return sql.write(async () => {
    const user = await getStaffUser(sql, orgId, userId);
    if (!user) return { ok: false, reason: 'not_found' } as const;
    if (user.roles.admin && !(await hasOtherAdmin(sql, orgId, userId))) return { ok: false, reason: 'last_admin' } as const;
    const endedSessions = (await sql.all<{ id_hash: string }>("SELECT id_hash FROM sessions WHERE kind = 'staff' AND org_id = ? AND user_id = ?", orgId, userId)).map((row) => row.id_hash);
    await sql.run("DELETE FROM sessions WHERE kind = 'staff' AND org_id = ? AND user_id = ?", orgId, userId);
    await sql.run('DELETE FROM staff_welcomes WHERE org_id = ? AND user_id = ?', orgId, userId);
    await sql.run('DELETE FROM staff_users WHERE id = ? AND org_id = ?', userId, orgId);
    return { ok: true, value: { user, endedSessions } } as const;
  });
}

async function hasOtherAdmin(sql: Sql, orgId: OrgId, userId: string): Promise<boolean> {
  return (await sql.get('SELECT 1 FROM staff_users WHERE org_id = ? AND is_admin = 1 AND id <> ?', orgId, userId)) !== undefined;
}

export async function getStaffUser(sql: Sql, orgId: OrgId, userId: string): Promise<StaffUser | undefined> {
  const row = await sql.get<StaffRow>(`SELECT ${STAFF_COLUMNS} FROM staff_users WHERE id = ? AND org_id = ?`, userId, orgId);
  return row && toStaffUser(row);
}

export async function listStaffUsers(sql: Sql, orgId: OrgId): Promise<StaffUser[]> {
  return (await sql.all<StaffRow>(`SELECT ${STAFF_COLUMNS} FROM staff_users WHERE org_id = ? ORDER BY email`, orgId)).map(toStaffUser);
}

export async function updateStaffRoles(sql: Sql, orgId: OrgId, userId: string, roles: StaffRoles): Promise<Outcome<StaffUser, 'not_found' | 'last_admin'>> {
  return sql.write(async () => {
    const current = await getStaffUser(sql, orgId, userId);
    if (!current) return { ok: false, reason: 'not_found' } as const;
    if (current.roles.admin && !roles.admin && !(await hasOtherAdmin(sql, orgId, userId))) return { ok: false, reason: 'last_admin' } as const;
    await sql.run(
      'UPDATE staff_users SET is_author = ?, is_recruiter = ?, is_admin = ? WHERE id = ? AND org_id = ?',
      bit(roles.author),
      bit(roles.recruiter),
      bit(roles.admin),
      userId,
      orgId,
    );
    return { ok: true, value: (await getStaffUser(sql, orgId, userId))! } as const;
  });
}

export async function setStaffPasswordHash(sql: Sql, orgId: OrgId, userId: string, passwordHash: string): Promise<boolean> {
  if (passwordHash.length === 0) throw new KodbroError('invalid_argument', 'A staff user needs a password hash');
  return (await sql.run('UPDATE staff_users SET password_hash = ? WHERE id = ? AND org_id = ?', passwordHash, userId, orgId)) === 1;
}

export async function findStaffForSignIn(sql: Sql, email: string, options: { limit: number; organisationSlug?: string }): Promise<StaffCredentials[]> {
  const limit = Math.max(0, Math.floor(options.limit));
  const columns = STAFF_COLUMNS.split(', ').map((c) => `s.${c}`).join(', ');
  const rows =
    options.organisationSlug === undefined
      ? await sql.all<StaffRow>(`SELECT ${columns} FROM staff_users s WHERE s.email = ? ORDER BY s.created_at, s.id LIMIT ?`, normalizeEmail(email), limit)
      : await sql.all<StaffRow>(
          `SELECT ${columns} FROM staff_users s JOIN organisations o ON o.id = s.org_id WHERE s.email = ? AND o.slug = ? ORDER BY s.created_at, s.id LIMIT ?`,
          normalizeEmail(email),
          options.organisationSlug,
          limit,
        );
  return rows.map(toStaffCredentials);
}
