import { z } from 'zod';
import { ROLES_FOR } from '../../auth/index.ts';
import { challengeDetailSchema, challengeMetaSchema, idSchema, publishedChallengeSchema, type ChallengeMeta } from '../../contracts/index.ts';
import type { ChallengeRecord, Store, OrgId } from '../../store/index.ts';
import { toChallengeSummary } from '../../views/index.ts';
import { ApiError, notFound } from '../errors.ts';
import { route, withStatus } from '../route.ts';
import { receiveUpload, refuseUnread } from '../upload.ts';

/**
 * The types an archive may be sent as. Which kind it is (zip, tar, gzip'd
 * tar) is read from its bytes, not from this type, which a browser guesses
 * from the file's name; other types (JSON, forms, text) are refused unread.
 */
const ARCHIVE_TYPES = [
  'application/zip',
  'application/x-zip-compressed',
  'application/gzip',
  'application/x-gzip',
  'application/x-compressed-tar',
  'application/x-tar',
  'application/octet-stream',
];
/** When to try again after a 429: uploads usually take seconds. */
const RETRY_AFTER_SECONDS = 10;

async function metaOf(store: Store, orgId: OrgId, record: ChallengeRecord): Promise<ChallengeMeta> {
  const versions = await store.listChallengeVersions(orgId, record.id);
  const latest = versions.find((v) => v.id === record.latestVersionId);
  return challengeMetaSchema.parse(latest?.meta);
}

export const challengeRoutes = [
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
    summary: 'Publishes a challenge package (Kodbro or Kattis format) sent as a zip, tar or gzip-compressed tar',
    tag: 'challenges',
    access: 'staff',
    roles: ROLES_FOR.publishChallenges,
    raw: {
      types: ARCHIVE_TYPES,
      description: 'The package archive: at most KODBRO_UPLOAD_MB (64 MB by default) as sent, and 512 MB, 20 000 files unpacked.',
    },
    errors: {
      413: 'Too large: the upload (payload_too_large), the unpacked package or the work on it (package_too_large), or the organisation’s stored packages with this one (quota_exceeded)',
      415: 'Not sent as an archive type (the kind itself is read from the bytes; bytes of no known kind are package_invalid)',
      422: 'Not a usable package (package_invalid), or an entry that leaves the package or is a link (package_unsafe_path)',
      429: 'The organisation already has an upload in flight, or the server is busy with others: try again after Retry-After seconds',
    },
    status: 201,
    response: publishedChallengeSchema,
    async handler({ deps, staff, req, res }) {
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!ARCHIVE_TYPES.includes(type)) throw refuseUnread(res, new ApiError('unsupported_media_type', `Send the package as one of ${ARCHIVE_TYPES.join(', ')}`));
      // Room first, so the disk all uploads use at once is bounded before any is read.
      const upload = await deps.catalog.beginUpload(staff.user.orgId);
      if (!upload) {
        res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
        throw refuseUnread(res, new ApiError('rate_limited', 'Another package of your organisation is being published, or the server is busy with others. Try again in a moment.'));
      }
      try {
        await receiveUpload(req, res, upload.file, deps.config.packages.uploadBytes);
        const published = await upload.publish();
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
        await upload.end();
      }
    },
  }),
];
