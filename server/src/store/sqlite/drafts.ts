import { randomUUID } from 'node:crypto';
import { asOrgId, type OrgId } from '../ids.ts';
import type { ChallengeDraftRecord, ChallengeDraftSummaryRecord } from '../model.ts';
import type { DraftCaps, Outcome } from '../store.ts';
import type { Sql } from './db.ts';
import { toJson } from './rows.ts';
import { dropQueuedValidations } from './validations.ts';

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

/** The organisation's drafts but one, counted: what a new or saved document is added to. */
function heldBesides(sql: Sql, orgId: OrgId, draftId: string | null): { count: number; bytes: number } {
  const row = sql.get<{ count: number; bytes: number | null }>(
    'SELECT COUNT(*) AS count, SUM(LENGTH(CAST(document AS BLOB))) AS bytes FROM challenge_drafts WHERE org_id = ? AND id IS NOT ?',
    orgId,
    draftId,
  )!;
  return { count: Number(row.count), bytes: Number(row.bytes ?? 0) };
}

function fits(sql: Sql, orgId: OrgId, draftId: string | null, json: string, caps: DraftCaps): boolean {
  const held = heldBesides(sql, orgId, draftId);
  return held.count + 1 <= caps.count && held.bytes + Buffer.byteLength(json) <= caps.bytes;
}

export function createChallengeDraft(
  sql: Sql,
  orgId: OrgId,
  input: { slug: string; document: unknown },
  caps: DraftCaps,
): Outcome<ChallengeDraftRecord, 'exists', { id: string }> | { ok: false; reason: 'full' } {
  return sql.write(() => {
    const existing = sql.get<{ id: string }>('SELECT id FROM challenge_drafts WHERE org_id = ? AND slug = ?', orgId, input.slug);
    if (existing) return { ok: false, reason: 'exists', id: existing.id };
    if (!fits(sql, orgId, null, toJson(input.document), caps)) return { ok: false, reason: 'full' };
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

export function saveChallengeDraft(
  sql: Sql,
  orgId: OrgId,
  draftId: string,
  document: unknown,
  revision: number,
  caps: DraftCaps,
): Outcome<ChallengeDraftRecord, 'not_found' | 'stale' | 'full'> {
  return sql.write(() => {
    if (!fits(sql, orgId, draftId.toLowerCase(), toJson(document), caps)) {
      return { ok: false, reason: getChallengeDraft(sql, orgId, draftId) ? 'full' : 'not_found' };
    }
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

interface SummaryRow {
  id: string;
  slug: string;
  title: string | null;
  revision: number;
  updated_at: number;
  validation_status: string | null;
  validation_revision: number | null;
}

/** Reads only the titles and the validation's status out of the JSON: a list must not parse megabytes of tests. */
export function listChallengeDrafts(sql: Sql, orgId: OrgId): ChallengeDraftSummaryRecord[] {
  const rows = sql.all<SummaryRow>(
    `SELECT id, slug, json_extract(document, '$.title') AS title, revision, updated_at,
            json_extract(validation, '$.status') AS validation_status, json_extract(validation, '$.revision') AS validation_revision
       FROM challenge_drafts WHERE org_id = ? ORDER BY updated_at DESC, slug`,
    orgId,
  );
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    title: row.title === null ? {} : (JSON.parse(row.title) as unknown),
    revision: Number(row.revision),
    updatedAt: new Date(Number(row.updated_at)),
    validation: row.validation_status === null ? null : { status: row.validation_status, revision: Number(row.validation_revision) },
  }));
}

export function deleteChallengeDraft(sql: Sql, orgId: OrgId, draftId: string): boolean {
  return sql.write(() => {
    dropQueuedValidations(sql, orgId, draftId.toLowerCase());
    return sql.run('DELETE FROM challenge_drafts WHERE id = ? AND org_id = ?', draftId.toLowerCase(), orgId) === 1;
  });
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
