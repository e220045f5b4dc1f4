import { randomUUID } from 'node:crypto';
import { KodbroError } from '../../errors.ts';
import type { AttemptId, OrgId } from '../ids.ts';
import type { ChallengeRecord, ChallengeVersion, ChallengeVersionInfo } from '../model.ts';
import { contentHash } from '../secrets.ts';
import type { NewChallengeVersion, PublishedVersion } from '../store.ts';
import type { Sql } from './db.ts';
import {
  CHALLENGE_COLUMNS,
  toChallenge,
  toJson,
  toVersion,
  toVersionInfo,
  VERSION_INFO_COLUMNS,
  type ChallengeRow,
  type VersionRow,
} from './rows.ts';

export function publishChallengeVersion(sql: Sql, orgId: OrgId, input: NewChallengeVersion): PublishedVersion {
  if (input.slug.length === 0 || input.slug.length > 100) throw new KodbroError('invalid_argument', 'A challenge slug has 1 to 100 characters');
  const data = Buffer.from(input.data.buffer, input.data.byteOffset, input.data.byteLength);
  const hash = contentHash(data);
  return sql.write(() => {
    const now = sql.nowMs();
    let challenge = findChallengeBySlug(sql, orgId, input.slug);
    if (challenge) {
      const latest = getVersionInfo(sql, orgId, challenge.latestVersionId)!;
      if (latest.contentHash === hash) return { challenge, version: latest, created: false };
    }
    const version = (challenge?.latestVersion ?? 0) + 1;
    const challengeId = challenge?.id ?? randomUUID();
    if (challenge) {
      sql.run('UPDATE challenges SET title = ?, latest_version = ?, updated_at = ? WHERE id = ? AND org_id = ?', input.title, version, now, challengeId, orgId);
    } else {
      sql.run(
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
    sql.run(
      `INSERT INTO challenge_versions (id, org_id, challenge_id, version, title, content_hash, meta, data, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      versionId,
      orgId,
      challengeId,
      version,
      input.title,
      hash,
      toJson(input.meta),
      data,
      now,
    );
    challenge = getChallenge(sql, orgId, challengeId)!;
    return { challenge, version: getVersionInfo(sql, orgId, versionId)!, created: true };
  });
}

export function getChallenge(sql: Sql, orgId: OrgId, challengeId: string): ChallengeRecord | undefined {
  const row = sql.get<ChallengeRow>(`SELECT ${CHALLENGE_COLUMNS} FROM challenges c WHERE c.id = ? AND c.org_id = ?`, challengeId, orgId);
  return row && toChallenge(row);
}

export function findChallengeBySlug(sql: Sql, orgId: OrgId, slug: string): ChallengeRecord | undefined {
  const row = sql.get<ChallengeRow>(`SELECT ${CHALLENGE_COLUMNS} FROM challenges c WHERE c.slug = ? AND c.org_id = ?`, slug, orgId);
  return row && toChallenge(row);
}

export function listChallenges(sql: Sql, orgId: OrgId): ChallengeRecord[] {
  return sql.all<ChallengeRow>(`SELECT ${CHALLENGE_COLUMNS} FROM challenges c WHERE c.org_id = ? ORDER BY c.slug`, orgId).map(toChallenge);
}

export function listChallengeVersions(sql: Sql, orgId: OrgId, challengeId: string): ChallengeVersionInfo[] {
  return sql
    .all<VersionRow>(`SELECT ${VERSION_INFO_COLUMNS} FROM challenge_versions v WHERE v.challenge_id = ? AND v.org_id = ? ORDER BY v.version`, challengeId, orgId)
    .map(toVersionInfo);
}

function getVersionInfo(sql: Sql, orgId: OrgId, versionId: string): ChallengeVersionInfo | undefined {
  const row = sql.get<VersionRow>(`SELECT ${VERSION_INFO_COLUMNS} FROM challenge_versions v WHERE v.id = ? AND v.org_id = ?`, versionId, orgId);
  return row && toVersionInfo(row);
}

export function getChallengeVersion(sql: Sql, orgId: OrgId, versionId: string): ChallengeVersion | undefined {
  const row = sql.get<VersionRow & { data: Buffer }>(`SELECT ${VERSION_INFO_COLUMNS}, v.data FROM challenge_versions v WHERE v.id = ? AND v.org_id = ?`, versionId, orgId);
  return row && toVersion(row);
}

export function getAttemptChallengeVersion(sql: Sql, attemptId: AttemptId, versionId: string): ChallengeVersion | undefined {
  const row = sql.get<VersionRow & { data: Buffer }>(
    `SELECT ${VERSION_INFO_COLUMNS}, v.data
       FROM attempts a
       JOIN assessment_challenges ac ON ac.assessment_id = a.assessment_id AND ac.org_id = a.org_id
       JOIN challenge_versions v ON v.id = ac.challenge_version_id AND v.org_id = a.org_id
      WHERE a.id = ? AND v.id = ?`,
    attemptId,
    versionId,
  );
  return row && toVersion(row);
}
