import { asAttemptId, asOrgId, type AttemptId, type AttemptScope, type OrgId } from '../ids.ts';
import type { SharedResult } from '../model.ts';
import type { NewSharedResult } from '../store.ts';
import type { Sql } from './db.ts';

interface SharedResultRow {
  id: string;
  org_id: string;
  attempt_id: string;
  document: string;
  signature: string;
  key_id: string;
  shareable: number;
  created_at: number;
  revoked_at: number | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

function toSharedResult(row: SharedResultRow): SharedResult {
  return {
    id: row.id,
    orgId: asOrgId(row.org_id),
    attemptId: asAttemptId(row.attempt_id),
    document: row.document,
    signature: row.signature,
    keyId: row.key_id,
    shareable: row.shareable === 1,
    createdAt: new Date(row.created_at),
    revoked: row.revoked_at === null ? null : { at: new Date(row.revoked_at), by: row.revoked_by ?? '', reason: row.revoke_reason },
  };
}

export async function getSharedResult(sql: Sql, scope: AttemptScope): Promise<SharedResult | undefined> {
  const row =
    scope.orgId === undefined
      ? await sql.get<SharedResultRow>('SELECT * FROM shared_results WHERE attempt_id = ?', scope.attemptId)
      : await sql.get<SharedResultRow>('SELECT * FROM shared_results WHERE org_id = ? AND attempt_id = ?', scope.orgId, scope.attemptId);
  return row && toSharedResult(row);
}

export async function setResultShareable(sql: Sql, attemptId: AttemptId, shareable: boolean, fresh: NewSharedResult | undefined): Promise<SharedResult | undefined> {
  return sql.write(async () => {
    const attempt = await sql.get<{ org_id: string }>('SELECT org_id FROM attempts WHERE id = ?', attemptId);
    if (!attempt) return undefined;
    const changed = await sql.run('UPDATE shared_results SET shareable = ? WHERE attempt_id = ?', shareable ? 1 : 0, attemptId);
    if (changed === 0) {
      if (!fresh) return undefined;
      await sql.run(
        `INSERT INTO shared_results (id, org_id, attempt_id, document, signature, key_id, shareable, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        fresh.id,
        attempt.org_id,
        attemptId,
        fresh.document,
        fresh.signature,
        fresh.keyId,
        shareable ? 1 : 0,
        sql.nowMs(),
      );
    }
    return getSharedResult(sql, { attemptId });
  });
}

export async function findShareableResult(sql: Sql, resultId: string): Promise<SharedResult | undefined> {
  const row = await sql.get<SharedResultRow>('SELECT * FROM shared_results WHERE id = ? AND shareable = 1', resultId);
  return row && toSharedResult(row);
}

export async function setResultRevoked(sql: Sql, orgId: OrgId, attemptId: string, revoke: { by: string; reason: string | null } | null): Promise<SharedResult | undefined> {
  return sql.write(async () => {
    const changed = revoke
      ? // A second revocation keeps the first one's time, author and reason. (The casts give PostgreSQL the parameters' types.)
        await sql.run(
          `UPDATE shared_results SET revoked_at = COALESCE(revoked_at, CAST(? AS BIGINT)), revoked_by = COALESCE(revoked_by, CAST(? AS TEXT)),
                  revoke_reason = CASE WHEN revoked_at IS NULL THEN CAST(? AS TEXT) ELSE revoke_reason END
           WHERE org_id = ? AND attempt_id = ?`,
          sql.nowMs(),
          revoke.by,
          revoke.reason,
          orgId,
          attemptId,
        )
      : await sql.run('UPDATE shared_results SET revoked_at = NULL, revoked_by = NULL, revoke_reason = NULL WHERE org_id = ? AND attempt_id = ?', orgId, attemptId);
    if (changed === 0) return undefined;
    return getSharedResult(sql, { orgId, attemptId });
  });
}
