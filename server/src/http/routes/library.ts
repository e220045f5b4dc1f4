import { z } from 'zod';
import { ROLES_FOR } from '../../auth/index.ts';
import { challengeLibrarySchema, challengeMetaSchema, idSchema, libraryChallengeSchema, libraryQuerySchema, type LibraryArchived, type LibraryChallenge } from '../../contracts/index.ts';
import type { ChallengeRecord, OrgId, Store } from '../../store/index.ts';
import { toChallengeSummary } from '../../views/index.ts';
import { ApiError, notFound } from '../errors.ts';
import { fileReply, route } from '../route.ts';

/*
 * The challenge library: every challenge of the organisation with all its
 * versions and the assessments that use each; archiving (hidden from the
 * pickers, still judged for the assessments that pin it); and a version as a
 * Kodbro package archive to keep in the company's own repository.
 */

/** When to try again after a 429: an export usually takes seconds. */
const RETRY_AFTER_SECONDS = 10;

/** Every challenge of the organisation with its versions and their uses, oldest version first. */
async function library(store: Store, orgId: OrgId, records: ChallengeRecord[]): Promise<LibraryChallenge[]> {
  const usage = await store.listVersionUsage(orgId);
  const usedBy = (versionId: string) => usage.filter((u) => u.challengeVersionId === versionId).map((u) => ({ assessmentId: u.assessmentId, title: u.assessmentTitle }));
  return Promise.all(
    records.map(async (record) => {
      const versions = await store.listChallengeVersions(orgId, record.id);
      const latest = versions.find((v) => v.id === record.latestVersionId);
      return {
        ...toChallengeSummary(record, challengeMetaSchema.parse(latest?.meta)),
        archivedAt: record.archivedAt?.toISOString() ?? null,
        versions: versions.map((v) => ({ id: v.id, version: v.version, contentHash: v.contentHash, createdAt: v.createdAt.toISOString(), usedBy: usedBy(v.id) })),
      };
    }),
  );
}

/** Whether a challenge answers the search: part of its title or slug in any case, or one of its ids. */
function matches(challenge: LibraryChallenge, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  if (challenge.title.toLowerCase().includes(q) || challenge.slug.toLowerCase().includes(q)) return true;
  return challenge.id === q || challenge.versions.some((v) => v.id === q);
}

function shown(record: ChallengeRecord, archived: LibraryArchived): boolean {
  if (archived === 'all') return true;
  return (record.archivedAt !== null) === (archived === 'true');
}

/** A name safe in a Content-Disposition header and on any file system. */
const fileNameOf = (folder: string) => `${folder.replace(/[^A-Za-z0-9._-]+/g, '-')}.tar.gz`;

const challengeParams = z.strictObject({ challengeId: idSchema });

function archiveRoute(archived: boolean) {
  return route({
    method: 'post',
    path: `/api/challenges/:challengeId/${archived ? 'archive' : 'unarchive'}`,
    summary: archived
      ? 'Archives a challenge: hidden from the pickers and the default list; assessments that use it keep judging it'
      : 'Brings an archived challenge back into the pickers',
    tag: 'challenges',
    access: 'staff',
    roles: ROLES_FOR.publishChallenges,
    params: challengeParams,
    status: 200,
    response: libraryChallengeSchema,
    async handler({ deps, staff, params }) {
      const orgId = staff.user.orgId;
      const record = await deps.store.setChallengeArchived(orgId, params.challengeId, archived);
      if (!record) throw notFound('No such challenge');
      const [challenge] = await library(deps.store, orgId, [record]);
      return challenge!;
    },
  });
}

export const libraryRoutes = [
  route({
    method: 'get',
    path: '/api/challenges',
    summary: "The organisation's challenges with every version and the assessments that use each; searchable, in use by default",
    tag: 'challenges',
    access: 'staff',
    roles: ROLES_FOR.readChallenges,
    query: libraryQuerySchema,
    status: 200,
    response: challengeLibrarySchema,
    async handler({ deps, staff, query }) {
      const orgId = staff.user.orgId;
      const records = (await deps.store.listChallenges(orgId)).filter((r) => shown(r, query.archived ?? 'false'));
      const challenges = await library(deps.store, orgId, records);
      return { challenges: challenges.filter((c) => matches(c, query.query ?? '')) };
    },
  }),
  archiveRoute(true),
  archiveRoute(false),
  route({
    method: 'get',
    path: '/api/challenge-versions/:challengeVersionId/export',
    summary: 'A challenge version as a Kodbro package archive (.tar.gz): statements, tests, checker, solutions, limits, starters',
    tag: 'challenges',
    access: 'staff',
    roles: ROLES_FOR.readChallenges,
    params: z.strictObject({ challengeVersionId: idSchema }),
    errors: { 429: 'The organisation already has an export in flight, or the server is busy with others: try again after Retry-After seconds' },
    status: 200,
    produces: ['application/gzip'],
    response: z.string().meta({ format: 'binary' }),
    async handler({ deps, staff, params, res }) {
      // An unknown id is 404 whether or not an export is in flight (the room of the last
      // download is freed only when its file stream closes, a moment after the client has it all).
      if (!(await deps.store.getChallengeVersion(staff.user.orgId, params.challengeVersionId))) throw notFound('No such challenge version');
      const room = await deps.catalog.beginExport(staff.user.orgId);
      if (!room) {
        res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
        throw new ApiError('rate_limited', 'Another export of your organisation is being made, or the server is busy with others. Try again in a moment.');
      }
      try {
        const written = await room.write(params.challengeVersionId);
        if (!written) throw notFound('No such challenge version');
        // The room is kept until the download ends or breaks off.
        return fileReply('application/gzip', written.stream, {
          'Content-Disposition': `attachment; filename="${fileNameOf(written.folder)}"`,
          'Content-Length': String(written.bytes),
          'Cache-Control': 'no-store',
        });
      } finally {
        await room.end();
      }
    },
  }),
];
