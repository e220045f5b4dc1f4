import { ROLES_FOR } from '../../auth/index.ts';
import { z } from 'zod';
import type { Challenge } from '../../challenges/index.ts';
import { idSchema } from '../../contracts/index.ts';
import { imageContentType } from '../../statements/index.ts';
import { ApiError, notFound } from '../errors.ts';
import { fileReply, route, type FileReply } from '../route.ts';

/*
 * Statement images, served from the challenge version itself (already in
 * memory with the parsed package): candidates only for versions of their
 * attempt, staff for their organisation's versions (previews). Only files
 * with an image type are served; nothing else of a package ever is.
 */

const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml'];

const params = z.strictObject({
  challengeVersionId: idSchema,
  name: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^/\\\0]+$/, 'A statement file name, without folders'),
});

/** The image bytes. Versions never change, so a browser may keep them; an SVG can run nothing even when opened alone. */
function statementImage(challenge: Pick<Challenge, 'statementFiles'> | undefined, name: string): FileReply {
  const file = challenge?.statementFiles.find((f) => f.path === name);
  const contentType = file && imageContentType(file.path);
  if (!file || !contentType) throw notFound('No such image in this challenge');
  return fileReply(contentType, file.content, {
    'Cache-Control': 'private, max-age=31536000, immutable',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  });
}

const binary = z.string().meta({ format: 'binary' });

export const statementFileRoutes = [
  route({
    method: 'get',
    path: '/api/candidate/challenges/:challengeVersionId/files/:name',
    summary: "An image of a challenge's statement, for a challenge of the attempt",
    tag: 'candidate',
    access: 'candidate',
    params,
    status: 200,
    produces: IMAGE_TYPES,
    response: binary,
    async handler({ deps, candidate, params }) {
      if (!candidate.attempt) throw new ApiError('attempt_not_started', 'Start the assessment first');
      return statementImage(await deps.catalog.forAttempt(candidate.attempt.id, params.challengeVersionId), params.name);
    },
  }),
  route({
    method: 'get',
    path: '/api/challenge-versions/:challengeVersionId/files/:name',
    summary: "An image of a challenge version's statement, for previews",
    tag: 'challenges',
    access: 'staff',
    roles: ROLES_FOR.readStatementFiles,
    params,
    status: 200,
    produces: IMAGE_TYPES,
    response: binary,
    async handler({ deps, staff, params }) {
      return statementImage(await deps.catalog.forOrg(staff.user.orgId, params.challengeVersionId), params.name);
    },
  }),
];
