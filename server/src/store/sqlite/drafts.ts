import { randomUUID } from 'node:crypto';
import { asOrgId, type OrgId } from '../ids.ts';
import type { ChallengeDraftRecord } from '../model.ts';
import type { Outcome } from '../store.ts';
import type { Sql } from './db.ts';
import { toJson } from './rows.ts';

/** Challenge drafts (store.ts DraftStore): every statement names the organisation. */

interface DraftRow {
  id: string;
  org_id: string;
  slug: string;
  document: string;
  revision: number;
  validation: string | null;
  created_at: number;
  updated_at: number;
}

function toRecord(row: DraftRow): ChallengeDraftRecord {
  return {
    id: row.id,
    orgId: asOrgId(row.org_id),
    slug: row.slug,
    document: JSON.parse(row.document) as unknown,
    revision: Number(row.revision),
    validation: row.validation === null ? null : (JSON.parse(row.validation) as unknown),
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}

export function createChallengeDraft(sql: Sql, orgId: OrgId, input: { slug: string; document: unknown }): Outcome<ChallengeDraftRecord, 'exists', { id: string }> {
  return sql.write(() => {
    const existing = sql.get<{ id: string }>('SELECT id FROM challenge_drafts WHERE org_id = ? AND slug = ?', orgId, input.slug);
    if (existing) return { ok: false, reason: 'exists', id: existing.id };
    const now = sql.nowMs();
    const row = sql.get<DraftRow>(
      `INSERT INTO challenge_drafts (id, org_id, slug, document, revision, validation, created_at, updated_at)
       VALUES (?, ?, ?, ?, 1, NULL, ?, ?) RETURNING *`,
      randomUUID(),
      orgId,
      input.slug,
      toJson(input.document),
      now,
      now,
    )!;
    return { ok: true, value: toRecord(row) };
  });
}

export function getChallengeDraft(sql: Sql, orgId: OrgId, draftId: string): ChallengeDraftRecord | undefined {
  const row = sql.get<DraftRow>('SELECT * FROM challenge_drafts WHERE id = ? AND org_id = ?', draftId.toLowerCase(), orgId);
  return row && toRecord(row);
}

export function saveChallengeDraft(sql: Sql, orgId: OrgId, draftId: string, document: unknown, revision: number): Outcome<ChallengeDraftRecord, 'not_found' | 'stale'> {
  return sql.write(() => {
    const now = sql.nowMs();
    const row = sql.get<DraftRow>(
      `UPDATE challenge_drafts SET document = ?, revision = revision + 1, updated_at = ?
        WHERE id = ? AND org_id = ? AND revision = ? RETURNING *`,
      toJson(document),
      now,
      draftId.toLowerCase(),
      orgId,
      revision,
    );
    if (row) return { ok: true, value: toRecord(row) };
    return { ok: false, reason: getChallengeDraft(sql, orgId, draftId) ? 'stale' : 'not_found' };
  });
}

export function deleteChallengeDraft(sql: Sql, orgId: OrgId, draftId: string): boolean {
  return sql.run('DELETE FROM challenge_drafts WHERE id = ? AND org_id = ?', draftId.toLowerCase(), orgId) === 1;
}

/** Stores a validation; `onlyIf` (the run's start time) keeps a finished run from replacing a newer one that started since. */
export function setDraftValidation(sql: Sql, orgId: OrgId, draftId: string, validation: unknown, onlyIf?: { startedAt: string }): boolean {
  return sql.write(() => {
    if (onlyIf) {
      const current = sql.get<{ validation: string | null }>('SELECT validation FROM challenge_drafts WHERE id = ? AND org_id = ?', draftId.toLowerCase(), orgId);
      const started = current?.validation ? (JSON.parse(current.validation) as { startedAt?: string }).startedAt : undefined;
      if (started !== onlyIf.startedAt) return false;
    }
    return sql.run('UPDATE challenge_drafts SET validation = ? WHERE id = ? AND org_id = ?', toJson(validation), draftId.toLowerCase(), orgId) === 1;
  });
}
