import { asOrgId } from '../ids.ts';
import type { Session } from '../model.ts';
import type { NewSession } from '../store.ts';
import type { Sql } from './db.ts';

interface SessionRow {
  id_hash: string;
  kind: 'staff' | 'candidate';
  org_id: string;
  user_id: string | null;
  invite_id: string | null;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

function toSession(row: SessionRow): Session {
  const common = {
    idHash: row.id_hash,
    orgId: asOrgId(row.org_id),
    csrfToken: row.csrf_token,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
  };
  return row.kind === 'staff' ? { ...common, kind: 'staff', userId: row.user_id! } : { ...common, kind: 'candidate', inviteId: row.invite_id! };
}

/**
 * Keeps a session; a candidate's is one of at most `perInvite` for its
 * invite, so opening an invite link in a loop cannot fill the table: the
 * oldest of that invite's sessions end (that device opens the link again).
 */
export async function createSession(sql: Sql, perInvite: number, input: NewSession): Promise<Session> {
  const now = sql.nowMs();
  await sql.write(async () => {
    // Expired rows are swept on the way: sessions are few and short-lived.
    await sql.run('DELETE FROM sessions WHERE expires_at <= ?', now);
    await sql.run(
      `INSERT INTO sessions (id_hash, kind, org_id, user_id, invite_id, csrf_token, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      input.idHash,
      input.kind,
      input.orgId,
      input.kind === 'staff' ? input.userId : null,
      input.kind === 'candidate' ? input.inviteId : null,
      input.csrfToken,
      now,
      input.expiresAt.getTime(),
    );
    if (input.kind === 'candidate') {
      await sql.run(
        `DELETE FROM sessions
          WHERE invite_id = ? AND id_hash <> ?
            AND id_hash NOT IN (SELECT id_hash FROM sessions WHERE invite_id = ? AND id_hash <> ? ORDER BY created_at DESC, id_hash DESC LIMIT ?)`,
        input.inviteId,
        input.idHash,
        input.inviteId,
        input.idHash,
        Math.max(0, perInvite - 1),
      );
    }
  });
  return toSession((await sql.get<SessionRow>('SELECT * FROM sessions WHERE id_hash = ?', input.idHash))!);
}

export async function findSession(sql: Sql, idHash: string): Promise<Session | undefined> {
  const row = await sql.get<SessionRow>('SELECT * FROM sessions WHERE id_hash = ? AND expires_at > ?', idHash, sql.nowMs());
  return row && toSession(row);
}

export async function deleteSession(sql: Sql, idHash: string): Promise<boolean> {
  return (await sql.run('DELETE FROM sessions WHERE id_hash = ?', idHash)) > 0;
}
