import { z } from 'zod';
import { ROLES_FOR, type CandidateIdentity } from '../../auth/index.ts';
import {
  idSchema,
  resultIdSchema,
  resultShareSchema,
  resultsKeySchema,
  revokeResultBodySchema,
  shareResultBodySchema,
  signedResultSchema,
  staffResultStateSchema,
  type ResultShare,
  type StaffResultState,
} from '../../contracts/index.ts';
import { buildResultDocument, newResultId, parseStoredDocument, signDocument } from '../../results/index.ts';
import type { Attempt, NewSharedResult, SharedResult } from '../../store/index.ts';
import { attemptStatus } from '../../views/index.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError, notFound } from '../errors.ts';
import { resultReadLimiter } from '../limiters.ts';
import { route } from '../route.ts';

/** The public verification page of a result. */
const verifyPagePath = (resultId: string) => `/verify/${resultId}`;
const RESULTS_KEY_PATH = '/api/results-key';

/**
 * Addresses outside /api that answer as an API route: the results key's
 * well-known address (RFC 8615), where verifiers look for it. The route
 * table keeps the /api path, so the key is documented, tested and fuzzed
 * like every other route.
 */
export const WELL_KNOWN_ALIASES: ReadonlyMap<string, string> = new Map([['/.well-known/kodbro-results-key', RESULTS_KEY_PATH]]);

const NOT_SHARED = 'No shared result has this id. The candidate may have stopped sharing it.';

const revocationOf = (result: SharedResult) => (result.revoked ? { at: result.revoked.at.toISOString(), reason: result.revoked.reason } : null);

function shareView(deps: AppDeps, result: SharedResult | undefined): ResultShare {
  if (!result?.shareable) return { shareable: false, resultId: null, url: null, revoked: result ? revocationOf(result) : null };
  return { shareable: true, resultId: result.id, url: `${deps.config.publicUrl}${verifyPagePath(result.id)}`, revoked: revocationOf(result) };
}

function staffView(result: SharedResult | undefined): StaffResultState {
  if (!result) return { result: null };
  return {
    result: {
      resultId: result.id,
      shareable: result.shareable,
      sharedAt: result.createdAt.toISOString(),
      revoked: result.revoked ? { at: result.revoked.at.toISOString(), reason: result.revoked.reason, by: result.revoked.by } : null,
    },
  };
}

/**
 * The document of a first share, signed now and frozen from then on. Refused
 * while a submission is still being judged (the score would be frozen too
 * early, also before the deadline sweep has handed in the drafts of an
 * attempt whose time ran out) and when the assessment shows candidates no scores (sharing would
 * tell the candidate what the company chose not to).
 */
async function freshResult(deps: AppDeps, candidate: CandidateIdentity, attempt: Attempt): Promise<NewSharedResult> {
  const [assessment, organisation, submissions] = await Promise.all([
    deps.store.getAttemptAssessment(attempt.id),
    deps.store.getOrganisation(attempt.orgId),
    deps.store.listSubmissions({ attemptId: attempt.id }),
  ]);
  if (!assessment || !organisation) throw notFound('No such attempt');
  // Time ran out but the server has not yet finished the attempt (and submitted its changed drafts): not yet.
  if (!attempt.finishedAt) throw new ApiError('conflict', 'Your last code is still being handed in. Try again in a moment.');
  if (assessment.resultsVisibility === 'none') throw new ApiError('forbidden', 'This company does not show scores to candidates, so there is no result to share.');
  if (submissions.some((s) => s.kind === 'submit' && (s.status === 'queued' || s.status === 'running'))) {
    throw new ApiError('conflict', 'Some of your submissions are still being judged. Share your result when they are done.');
  }
  const id = newResultId();
  const document = buildResultDocument({
    resultId: id,
    issuer: deps.config.publicUrl,
    organisationName: organisation.name,
    assessment,
    candidateName: candidate.invite.candidateName,
    submissions,
    finishedAt: attempt.finishedAt,
    issuedAt: deps.clock(),
  });
  const { text, signature } = signDocument(document, deps.resultsKey.privateKey);
  return { id, document: text, signature, keyId: deps.resultsKey.keyId };
}

/** The candidate's finished attempt, or the refusal that says why there is no result yet. */
function finishedAttempt(deps: AppDeps, candidate: CandidateIdentity): Attempt {
  if (!candidate.attempt) throw new ApiError('attempt_not_started', 'Start the assessment first');
  if (attemptStatus(candidate.attempt, deps.clock()) !== 'finished') throw new ApiError('conflict', 'Your result can be shared once you have finished.');
  return candidate.attempt;
}

const withPublicCors = (res: { setHeader(name: string, value: string): unknown }) => {
  // Anyone may check a result from their own tools: no cookie is read, nothing private is sent.
  res.setHeader('Access-Control-Allow-Origin', '*');
};

export const resultRoutes = [
  route({
    method: 'get',
    path: '/api/candidate/result',
    summary: "Whether the candidate shares their result, and its verification link while they do",
    tag: 'results',
    access: 'candidate',
    status: 200,
    response: resultShareSchema,
    async handler({ deps, candidate }) {
      if (!candidate.attempt) return shareView(deps, undefined);
      return shareView(deps, await deps.store.getSharedResult({ attemptId: candidate.attempt.id }));
    },
  }),
  route({
    method: 'post',
    path: '/api/candidate/result/share',
    summary: 'Makes the finished attempt\'s signed result shareable (the first time, signs it) or stops sharing it',
    tag: 'results',
    access: 'candidate',
    body: shareResultBodySchema,
    status: 200,
    response: resultShareSchema,
    errors: { 409: 'The attempt is not finished, or submissions are still being judged' },
    async handler({ deps, candidate, body }) {
      const attempt = finishedAttempt(deps, candidate);
      const existing = await deps.store.getSharedResult({ attemptId: attempt.id });
      if (!body.shareable && !existing) return shareView(deps, undefined);
      const fresh = existing ? undefined : await freshResult(deps, candidate, attempt);
      const result = await deps.store.setResultShareable(attempt.id, body.shareable, fresh);
      return shareView(deps, result);
    },
  }),
  route({
    method: 'get',
    path: '/api/results/:resultId',
    summary: 'A shared result: the signed document, its signature, the key id, and whether the organisation revoked it. 404 unless shared',
    tag: 'results',
    access: 'public',
    params: z.strictObject({ resultId: resultIdSchema }),
    status: 200,
    response: signedResultSchema,
    before: (deps) => resultReadLimiter(deps.store, deps.config.resultReadLimit, 'results:'),
    async handler({ deps, params, res }) {
      withPublicCors(res);
      const result = await deps.store.findShareableResult(params.resultId);
      if (!result) throw notFound(NOT_SHARED);
      return { document: parseStoredDocument(result.document), signature: result.signature, keyId: result.keyId, revoked: revocationOf(result) };
    },
  }),
  route({
    method: 'get',
    path: RESULTS_KEY_PATH,
    summary: 'The public Ed25519 key shared results are signed with (JWK and PEM); also at /.well-known/kodbro-results-key',
    tag: 'results',
    access: 'public',
    status: 200,
    response: resultsKeySchema,
    before: (deps) => resultReadLimiter(deps.store, deps.config.resultReadLimit, 'results-key:'),
    async handler({ deps, res }) {
      withPublicCors(res);
      res.setHeader('Cache-Control', 'public, max-age=3600');
      return deps.resultsKey.published;
    },
  }),
  route({
    method: 'get',
    path: '/api/attempts/:attemptId/result',
    summary: "An attempt's shared result: whether the candidate shares it and whether the organisation revoked it",
    tag: 'results',
    access: 'staff',
    roles: ROLES_FOR.readAttempts,
    params: z.strictObject({ attemptId: idSchema }),
    status: 200,
    response: staffResultStateSchema,
    async handler({ deps, staff, params }) {
      const attempt = await deps.store.getAttempt({ orgId: staff.user.orgId, attemptId: params.attemptId });
      if (!attempt) throw notFound('No such attempt');
      return staffView(await deps.store.getSharedResult({ orgId: staff.user.orgId, attemptId: attempt.id }));
    },
  }),
  route({
    method: 'post',
    path: '/api/attempts/:attemptId/result/revoke',
    summary: "Revokes the attempt's shared result (the verification page then says so), or with `revoked: false` withdraws the revocation; `result: null` when its candidate never shared one",
    tag: 'results',
    access: 'staff',
    roles: ROLES_FOR.revokeResults,
    params: z.strictObject({ attemptId: idSchema }),
    body: revokeResultBodySchema,
    status: 200,
    response: staffResultStateSchema,
    async handler({ deps, staff, params, body, log }) {
      const attempt = await deps.store.getAttempt({ orgId: staff.user.orgId, attemptId: params.attemptId });
      if (!attempt) throw notFound('No such attempt');
      const revoke = body.revoked === false ? null : { by: staff.user.displayName, reason: body.reason ?? null };
      // A candidate who never shared has nothing to revoke: `result: null`, and nothing is stored.
      const result = await deps.store.setResultRevoked(staff.user.orgId, attempt.id, revoke);
      if (!result) return staffView(undefined);
      log.info({ event: revoke ? 'result_revoked' : 'result_unrevoked', attemptId: params.attemptId }, 'shared result revocation changed');
      return staffView(result);
    },
  }),
];
