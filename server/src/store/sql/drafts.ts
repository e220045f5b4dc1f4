import { randomUUID } from 'node:crypto';
import { asOrgId, type OrgId } from '../ids.ts';
import type { ChallengeDraftRecord, ChallengeDraftSummaryRecord } from '../model.ts';
import type { DraftCaps, Outcome } from '../store.ts';
import { jsonText, type Sql } from './db.ts';
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
async function heldBesides(sql: Sql, orgId: OrgId, draftId: string | null): Promise<{ count: number; bytes: number }> {
  // OCTET_LENGTH: the document's UTF-8 bytes on both (SQLite ≥ 3.43); IS DISTINCT FROM: a comparison that
  // matches every row when draftId is null (SQLite ≥ 3.39), its parameter cast for PostgreSQL.
  const row = (await sql.get<{ count: number; bytes: number | null }>(
    'SELECT COUNT(*) AS count, SUM(OCTET_LENGTH(document)) AS bytes FROM challenge_drafts WHERE org_id = ? AND id IS DISTINCT FROM CAST(? AS TEXT)',
    orgId,
    draftId,
  ))!;
  return { count: Number(row.count), bytes: Number(row.bytes ?? 0) };
}

async function fits(sql: Sql, orgId: OrgId, draftId: string | null, json: string, caps: DraftCaps): Promise<boolean> {
  const held = await heldBesides(sql, orgId, draftId);
  return held.count + 1 <= caps.count && held.bytes + Buffer.byteLength(json) <= caps.bytes;
}

export async function createChallengeDraft(
  sql: Sql,
  orgId: OrgId,
  input: { slug: string; document: unknown },
  caps: DraftCaps,
): Promise<Outcome<ChallengeDraftRecord, 'exists', { id: string }> | { ok: false; reason: 'full' }> {
  return await sql.write(async () => {
    const existing = await sql.get<{ id: string }>('SELECT id FROM challenge_drafts WHERE org_id = ? AND slug = ?', orgId, input.slug);
    if (existing) return { ok: false, reason: 'exists', id: existing.id };
    if (!(await fits(sql, orgId, null, toJson(input.document), caps))) return { ok: false, reason: 'full' };
    const now = sql.nowMs();
    const row = (await sql.get<DraftRow>(
      `INSERT INTO challenge_drafts (id, org_id, slug, document, revision, validation, created_at, updated_at)
       VALUES (?, ?, ?, ?, 1, NULL, ?, ?) RETURNING *`,
      randomUUID(),
      orgId,
      input.slug,
      toJson(input.document),
      now,
      now,
    ))!;
    return { ok: true, value: toRecord(row) };
  });
}

export async function getChallengeDraft(sql: Sql, orgId: OrgId, draftId: string): Promise<ChallengeDraftRecord | undefined> {
  const row = await sql.get<DraftRow>('SELECT * FROM challenge_drafts WHERE id = ? AND org_id = ?', draftId.toLowerCase(), orgId);
  return row && toRecord(row);
}

export async function saveChallengeDraft(
  sql: Sql,
  orgId: OrgId,
  draftId: string,
  document: unknown,
  revision: number,
  caps: DraftCaps,
): Promise<Outcome<ChallengeDraftRecord, 'not_found' | 'stale' | 'full'>> {
  return await sql.write(async () => {
    if (!(await fits(sql, orgId, draftId.toLowerCase(), toJson(document), caps))) {
      return { ok: false, reason: (await getChallengeDraft(sql, orgId, draftId)) ? 'full' : 'not_found' };
    }
    const now = sql.nowMs();
    const row = await sql.get<DraftRow>(
      `UPDATE challenge_drafts SET document = ?, revision = revision + 1, updated_at = ?
        WHERE id = ? AND org_id = ? AND revision = ? RETURNING *`,
      toJson(document),
      now,
      draftId.toLowerCase(),
      orgId,
      revision,
    );
    if (row) return { ok: true, value: toRecord(row) };
    return { ok: false, reason: (await getChallengeDraft(sql, orgId, draftId)) ? 'stale' : 'not_found' };
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
export async function listChallengeDrafts(sql: Sql, orgId: OrgId): Promise<ChallengeDraftSummaryRecord[]> {
  const rows = await sql.all<SummaryRow>(
    `SELECT id, slug, ${jsonText(sql, 'document', 'title')} AS title, revision, updated_at,
            ${jsonText(sql, 'validation', 'status')} AS validation_status, ${jsonText(sql, 'validation', 'revision')} AS validation_revision
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

export async function deleteChallengeDraft(sql: Sql, orgId: OrgId, draftId: string): Promise<boolean> {
  return await sql.write(async () => {
    await dropQueuedValidations(sql, orgId, draftId.toLowerCase());
    return (await sql.run('DELETE FROM challenge_drafts WHERE id = ? AND org_id = ?', draftId.toLowerCase(), orgId)) === 1;
  });
}

/** Stores a validation; `onlyIf` (the run's start time) keeps a finished run from replacing a newer one that started since. */
export async function setDraftValidation(
  sql: Sql,
  orgId: OrgId,
  draftId: string,
  validation: unknown,
  onlyIf?: { startedAt: string },
): Promise<boolean> {
  return await sql.write(async () => {
    if (onlyIf) {
      const current = await sql.get<{ validation: string | null }>('SELECT validation FROM challenge_drafts WHERE id = ? AND org_id = ?', draftId.toLowerCase(), orgId);
      const started = current?.validation ? (JSON.parse(current.validation) as { startedAt?: string }).startedAt : undefined;
      if (started !== onlyIf.startedAt) return false;
    }
    return (await sql.run('UPDATE challenge_drafts SET validation = ? WHERE id = ? AND org_id = ?', toJson(validation), draftId.toLowerCase(), orgId)) === 1;
  });
}
