import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ROLES_FOR } from '../../auth/index.ts';
import { extractPackageArchive, isKattisPackage, MANIFEST_FILE } from '../../challenges/index.ts';
import { challengeDetailSchema, challengeListSchema, challengeMetaSchema, idSchema, publishedChallengeSchema, type ChallengeMeta } from '../../contracts/index.ts';
import type { ChallengeRecord, Store, OrgId } from '../../store/index.ts';
import { toChallengeSummary } from '../../views/index.ts';
import { ApiError, notFound } from '../errors.ts';
import { route, withStatus } from '../route.ts';

/** Uploaded packages: compressed size cap; the extractor caps the expanded size. */
const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
const ARCHIVE_TYPES = { 'application/gzip': 'tar.gz', 'application/x-gzip': 'tar.gz', 'application/x-tar': 'tar' } as const;

async function metaOf(store: Store, orgId: OrgId, record: ChallengeRecord): Promise<ChallengeMeta> {
  const versions = await store.listChallengeVersions(orgId, record.id);
  const latest = versions.find((v) => v.id === record.latestVersionId);
  return challengeMetaSchema.parse(latest?.meta);
}

/** A package archive may hold the package at its root or inside one folder. */
async function packageRoot(dir: string): Promise<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  if (entries.some((e) => e.name === MANIFEST_FILE) || (await isKattisPackage(dir))) return dir;
  const only = entries.length === 1 ? entries[0] : undefined;
  if (only?.isDirectory()) return path.join(dir, only.name);
  return dir;
}

export const challengeRoutes = [
  route({
    method: 'get',
    path: '/api/challenges',
    summary: "The organisation's challenges, newest version of each",
    tag: 'challenges',
    access: 'staff',
    roles: ROLES_FOR.readChallenges,
    status: 200,
    response: challengeListSchema,
    async handler({ deps, staff }) {
      const orgId = staff.user.orgId;
      const records = await deps.store.listChallenges(orgId);
      return { challenges: await Promise.all(records.map(async (r) => toChallengeSummary(r, await metaOf(deps.store, orgId, r)))) };
    },
  }),
  route({
    method: 'get',
    path: '/api/challenges/:challengeId',
    summary: 'One challenge with its versions',
    tag: 'challenges',
    access: 'staff',
    roles: ROLES_FOR.readChallenges,
    params: z.strictObject({ challengeId: idSchema }),
    status: 200,
    response: challengeDetailSchema,
    async handler({ deps, staff, params }) {
      const orgId = staff.user.orgId;
      const record = await deps.store.getChallenge(orgId, params.challengeId);
      if (!record) throw notFound('No such challenge');
      const versions = await deps.store.listChallengeVersions(orgId, record.id);
      return {
        ...toChallengeSummary(record, await metaOf(deps.store, orgId, record)),
        versions: versions.map((v) => ({ id: v.id, version: v.version, contentHash: v.contentHash, createdAt: v.createdAt.toISOString() })),
      };
    },
  }),
  route({
    method: 'post',
    path: '/api/challenges',
    summary: 'Publishes a challenge package (Kodbro or Kattis format) sent as a tar or gzip-compressed tar',
    tag: 'challenges',
    access: 'staff',
    roles: ROLES_FOR.publishChallenges,
    raw: { types: Object.keys(ARCHIVE_TYPES), limitBytes: MAX_UPLOAD_BYTES },
    status: 201,
    response: publishedChallengeSchema,
    async handler({ deps, staff, req }) {
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() as keyof typeof ARCHIVE_TYPES;
      const kind = ARCHIVE_TYPES[type];
      if (!kind || !Buffer.isBuffer(req.body)) throw new ApiError('unsupported_media_type', `Send the package as ${Object.keys(ARCHIVE_TYPES).join(' or ')}`);
      const work = await mkdtemp(path.join(os.tmpdir(), 'kodbro-upload-'));
      try {
        const dir = path.join(work, randomUUID());
        await extractPackageArchive(req.body, kind, dir);
        const published = await deps.catalog.publishDirectory(staff.user.orgId, await packageRoot(dir));
        const meta = challengeMetaSchema.parse(published.version.meta);
        return withStatus(published.created ? 201 : 200, {
            challenge: toChallengeSummary(published.challenge, meta),
            version: {
              id: published.version.id,
              version: published.version.version,
              contentHash: published.version.contentHash,
              createdAt: published.version.createdAt.toISOString(),
            },
            created: published.created,
            warnings: published.warnings,
        });
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    },
  }),
];
