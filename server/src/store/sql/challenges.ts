import { randomUUID } from 'node:crypto';
import { open } from 'node:fs/promises';
import { KodbroError } from '../../errors.ts';
import type { AttemptId, OrgId } from '../ids.ts';
import type { ChallengeRecord, ChallengeVersionInfo } from '../model.ts';
import { contentHash } from '../secrets.ts';
import type { Done, NewChallengeVersion, PackageFile, PublishedVersion, QuotaRefusal, VersionUsage } from '../store.ts';
import type { Sql } from './db.ts';
import type { PackageIo } from './package-io.ts';
import {
  CHALLENGE_COLUMNS,
  toChallenge,
  toJson,
  toVersionInfo,
  VERSION_INFO_COLUMNS,
  type ChallengeRow,
  type VersionRow,
} from './rows.ts';

/** Package bytes per stored piece (a row of at most 1 MB, in PostgreSQL as in SQLite). */
export const PACKAGE_CHUNK_BYTES = 1024 * 1024;
/** Chunk rows removed per statement when a package is dropped. */
const DELETE_BATCH = 16;

type Settled = { outcome: Done<PublishedVersion> | QuotaRefusal } | { write: string | null };

/**
 * Publishes in three steps: (1) one small transaction settles what needs no
 * bytes — the newest version already has them, the organisation already
 * stores them, or the quota refuses — and otherwise reserves a package row
 * that counts against the quota at once; (2) the bytes go in as 1 MB chunks,
 * one statement each on the package-bytes thread (package-io.ts), hash and
 * length checked on the way; (3) one small transaction marks the package
 * stored and adds the version. A failure on the way removes the reserved
 * package again.
 */
export async function publishChallengeVersion(sql: Sql, io: PackageIo, orgId: OrgId, input: NewChallengeVersion): Promise<Done<PublishedVersion> | QuotaRefusal> {
  if (input.slug.length === 0 || input.slug.length > 100) throw new KodbroError('invalid_argument', 'A challenge slug has 1 to 100 characters');
  const source = announced(input.data);
  const settled = await sql.write(async (): Promise<Settled> => {
    const unchanged = await unchangedVersion(sql, orgId, input.slug, source.contentHash);
    if (unchanged) return { outcome: { ok: true, value: unchanged } };
    if (await storedPackageId(sql, orgId, source.contentHash)) return { write: null };
    const usedBytes = await storedPackageBytes(sql, orgId);
    if (input.quotaBytes !== undefined && usedBytes + source.bytes > input.quotaBytes) {
      return { outcome: { ok: false, reason: 'quota_exceeded', usedBytes, quotaBytes: input.quotaBytes } };
    }
    const id = randomUUID();
    await sql.run('INSERT INTO challenge_packages (id, org_id, content_hash, bytes, stored_at, created_at) VALUES (?, ?, ?, ?, NULL, ?)', id, orgId, source.contentHash, source.bytes, sql.nowMs());
    return { write: id };
  });
  if ('outcome' in settled) return settled.outcome;

  const reserved = settled.write;
  let drop = reserved;
  try {
    if (reserved) await writeChunks(io, reserved, input.data, source);
    // `kept` is returned rather than set from inside: on PostgreSQL the transaction may run more than once.
    const { published, kept } = await sql.write(async () => {
      let kept = false;
      // Another publish of the same bytes may have stored them meanwhile: then ours is dropped and theirs used.
      if (reserved && !(await storedPackageId(sql, orgId, source.contentHash))) {
        if ((await sql.run('UPDATE challenge_packages SET stored_at = ? WHERE id = ? AND stored_at IS NULL', sql.nowMs(), reserved)) !== 1) {
          throw new KodbroError('internal', 'The package being stored was removed meanwhile (taken for one whose writer died)');
        }
        kept = true;
      }
      const published = (await unchangedVersion(sql, orgId, input.slug, source.contentHash)) ?? (await addVersion(sql, orgId, input, source.contentHash));
      return { published, kept };
    });
    if (kept) drop = null;
    return { ok: true, value: published };
  } finally {
    if (drop) await deletePackage(sql, io, drop);
  }
}

/** The newest version of the slug's challenge, when it already holds these bytes. */
async function unchangedVersion(sql: Sql, orgId: OrgId, slug: string, hash: string): Promise<PublishedVersion | undefined> {
  const challenge = await findChallengeBySlug(sql, orgId, slug);
  if (!challenge) return undefined;
  const latest = (await getVersionInfo(sql, orgId, challenge.latestVersionId))!;
  return latest.contentHash === hash ? { challenge, version: latest, created: false } : undefined;
}

async function addVersion(sql: Sql, orgId: OrgId, input: NewChallengeVersion, hash: string): Promise<PublishedVersion> {
  const now = sql.nowMs();
  const challenge = await findChallengeBySlug(sql, orgId, input.slug);
  const version = (challenge?.latestVersion ?? 0) + 1;
  const challengeId = challenge?.id ?? randomUUID();
  if (challenge) {
    await sql.run('UPDATE challenges SET title = ?, latest_version = ?, updated_at = ? WHERE id = ? AND org_id = ?', input.title, version, now, challengeId, orgId);
  } else {
    await sql.run(
      'INSERT INTO challenges (id, org_id, slug, title, latest_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      challengeId,
      orgId,
      input.slug,
      input.title,
      version,
      now,
      now,
    );
  }
  const versionId = randomUUID();
  await sql.run(
    `INSERT INTO challenge_versions (id, org_id, challenge_id, version, title, content_hash, meta, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    versionId,
    orgId,
    challengeId,
    version,
    input.title,
    hash,
    toJson(input.meta),
    now,
  );
  return { challenge: (await getChallenge(sql, orgId, challengeId))!, version: (await getVersionInfo(sql, orgId, versionId))!, created: true };
}

/** Stores the package's bytes as chunks of the reserved package, checking their length and hash. */
async function writeChunks(io: PackageIo, packageId: string, data: Uint8Array | PackageFile, announced: { contentHash: string; bytes: number }): Promise<void> {
  let total = 0;
  let hash: string;
  if (data instanceof Uint8Array) {
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    for (let seq = 0; seq * PACKAGE_CHUNK_BYTES < bytes.length; seq++) {
      await io.insert(packageId, seq, bytes.subarray(seq * PACKAGE_CHUNK_BYTES, (seq + 1) * PACKAGE_CHUNK_BYTES));
    }
    total = bytes.length;
    hash = contentHash(bytes);
  } else {
    for (let seq = 0; ; seq++) {
      const step = await io.import(packageId, data.file, seq);
      if (step.done) {
        hash = step.contentHash;
        break;
      }
      total += step.bytes;
      if (total > announced.bytes) break;
    }
    hash ??= '';
  }
  if (total !== announced.bytes || hash !== announced.contentHash) {
    throw new KodbroError('internal', 'The package bytes do not match the length and hash they were announced with');
  }
}

/** Hash and length: computed for bytes in memory, as announced for a file (and checked while it is stored). */
function announced(data: Uint8Array | PackageFile): { contentHash: string; bytes: number } {
  if (data instanceof Uint8Array) return { contentHash: contentHash(Buffer.from(data.buffer, data.byteOffset, data.byteLength)), bytes: data.byteLength };
  return { contentHash: data.contentHash, bytes: data.bytes };
}

/** Removes a package that no version names, a few chunks per statement. */
async function deletePackage(sql: Sql, io: PackageIo, packageId: string): Promise<void> {
  const last = (await sql.get<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM challenge_package_chunks WHERE package_id = ?', packageId))?.seq ?? -1;
  for (let from = 0; from <= last; from += DELETE_BATCH) await io.delete(packageId, from, from + DELETE_BATCH);
  await sql.run('DELETE FROM challenge_packages WHERE id = ? AND stored_at IS NULL', packageId);
}

async function storedPackageId(sql: Sql, orgId: OrgId, hash: string): Promise<string | undefined> {
  return (await sql.get<{ id: string }>('SELECT id FROM challenge_packages WHERE org_id = ? AND content_hash = ? AND stored_at IS NOT NULL', orgId, hash))?.id;
}

export async function storedPackageBytes(sql: Sql, orgId: OrgId): Promise<number> {
  return (await sql.get<{ used: number }>('SELECT COALESCE(SUM(bytes), 0) AS used FROM challenge_packages WHERE org_id = ?', orgId))?.used ?? 0;
}

/** Writes a version's package into a new file, chunk by chunk, on the package-bytes thread. */
export async function exportChallengePackage(sql: Sql, io: PackageIo, orgId: OrgId, versionId: string, file: string): Promise<void> {
  const row = await sql.get<{ id: string; bytes: number }>(
    `SELECT p.id, p.bytes
       FROM challenge_versions v
       JOIN challenge_packages p ON p.org_id = v.org_id AND p.content_hash = v.content_hash AND p.stored_at IS NOT NULL
      WHERE v.id = ? AND v.org_id = ?`,
    versionId,
    orgId,
  );
  if (!row) throw new KodbroError('not_found', `No stored package for challenge version ${versionId}`);
  await (await open(file, 'wx', 0o600)).close();
  let total = 0;
  for (let seq = 0; ; seq++) {
    const bytes = await io.export(row.id, file, seq);
    if (bytes === 0) break;
    total += bytes;
  }
  if (total !== row.bytes) throw new KodbroError('internal', `The stored package of challenge version ${versionId} has ${total} of its ${row.bytes} bytes`);
}

export async function removeUnfinishedPackages(sql: Sql, io: PackageIo, before: Date): Promise<number> {
  const stale = await sql.all<{ id: string }>('SELECT id FROM challenge_packages WHERE stored_at IS NULL AND created_at < ?', before.getTime());
  for (const { id } of stale) await deletePackage(sql, io, id);
  return stale.length;
}

export async function getChallenge(sql: Sql, orgId: OrgId, challengeId: string): Promise<ChallengeRecord | undefined> {
  const row = await sql.get<ChallengeRow>(`SELECT ${CHALLENGE_COLUMNS} FROM challenges c WHERE c.id = ? AND c.org_id = ?`, challengeId, orgId);
  return row && toChallenge(row);
}

export async function findChallengeBySlug(sql: Sql, orgId: OrgId, slug: string): Promise<ChallengeRecord | undefined> {
  const row = await sql.get<ChallengeRow>(`SELECT ${CHALLENGE_COLUMNS} FROM challenges c WHERE c.slug = ? AND c.org_id = ?`, slug, orgId);
  return row && toChallenge(row);
}

export async function listChallenges(sql: Sql, orgId: OrgId): Promise<ChallengeRecord[]> {
  return (await sql.all<ChallengeRow>(`SELECT ${CHALLENGE_COLUMNS} FROM challenges c WHERE c.org_id = ? ORDER BY c.slug`, orgId)).map(toChallenge);
}

export async function setChallengeArchived(sql: Sql, orgId: OrgId, challengeId: string, archived: boolean): Promise<ChallengeRecord | undefined> {
  return sql.write(async () => {
    // Archiving again keeps the first time; bringing back clears it. (The casts give PostgreSQL the parameters' types.)
    const changed = await sql.run(
      'UPDATE challenges SET archived_at = CASE WHEN CAST(? AS BIGINT) = 1 THEN COALESCE(archived_at, CAST(? AS BIGINT)) ELSE NULL END WHERE id = ? AND org_id = ?',
      archived ? 1 : 0,
      sql.nowMs(),
      challengeId,
      orgId,
    );
    return changed === 1 ? getChallenge(sql, orgId, challengeId) : undefined;
  });
}

export async function listVersionUsage(sql: Sql, orgId: OrgId): Promise<VersionUsage[]> {
  return (
    await sql.all<{ challenge_version_id: string; assessment_id: string; title: string }>(
      `SELECT ac.challenge_version_id, a.id AS assessment_id, a.title
         FROM assessment_challenges ac
         JOIN assessments a ON a.id = ac.assessment_id AND a.org_id = ac.org_id
        WHERE ac.org_id = ?
        ORDER BY a.created_at, a.id, ac.position`,
      orgId,
    )
  ).map((r) => ({ challengeVersionId: r.challenge_version_id, assessmentId: r.assessment_id, assessmentTitle: r.title }));
}

export async function listChallengeVersions(sql: Sql, orgId: OrgId, challengeId: string): Promise<ChallengeVersionInfo[]> {
  return (
    await sql.all<VersionRow>(`SELECT ${VERSION_INFO_COLUMNS} FROM challenge_versions v WHERE v.challenge_id = ? AND v.org_id = ? ORDER BY v.version`, challengeId, orgId)
  ).map(toVersionInfo);
}

async function getVersionInfo(sql: Sql, orgId: OrgId, versionId: string): Promise<ChallengeVersionInfo | undefined> {
  const row = await sql.get<VersionRow>(`SELECT ${VERSION_INFO_COLUMNS} FROM challenge_versions v WHERE v.id = ? AND v.org_id = ?`, versionId, orgId);
  return row && toVersionInfo(row);
}

export async function getChallengeVersion(sql: Sql, orgId: OrgId, versionId: string): Promise<ChallengeVersionInfo | undefined> {
  return getVersionInfo(sql, orgId, versionId);
}

export async function getAttemptChallengeVersion(sql: Sql, attemptId: AttemptId, versionId: string): Promise<ChallengeVersionInfo | undefined> {
  const row = await sql.get<VersionRow>(
    `SELECT ${VERSION_INFO_COLUMNS}
       FROM attempts a
       JOIN assessment_challenges ac ON ac.assessment_id = a.assessment_id AND ac.org_id = a.org_id
       JOIN challenge_versions v ON v.id = ac.challenge_version_id AND v.org_id = a.org_id
      WHERE a.id = ? AND v.id = ?`,
    attemptId,
    versionId,
  );
  return row && toVersionInfo(row);
}
