import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ROLES_FOR } from '../../auth/index.ts';
import { packageLockTtlMs } from '../../catalog/index.ts';
import { idSchema, similarityReportSchema, staffSubmissionSchema, type SimilarityParty, type SimilarityReport } from '../../contracts/index.ts';
import { SIMILARITY_LIMITS, type SimilarityGroup } from '../../similarity/index.ts';
import { loadMasks, shownInvite } from '../../review/index.ts';
import type { Assessment, FinalSubmission, OrgId } from '../../store/index.ts';
import { toStaffSubmission } from '../../views/index.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError, notFound } from '../errors.ts';
import { route } from '../route.ts';

/*
 * Similarity between candidates' final code, per challenge: the store gives
 * each attempt's last submission per challenge, the package workers compare
 * them (never this event loop: 2000 candidates take seconds), and the answer
 * is kept while the set of final submissions stays the same.
 */

/** A final code longer than this is compared by its first part only, so one candidate's 256 KB cannot dominate the work. */
const SOURCE_CHARS = 64 * 1024;
/**
 * A comparison runs one at a time per organisation, on every server process
 * together (the shared store's lock `similarity:<org>`), so reloading the page cannot queue work.
 */
export const similarityLockKey = (orgId: OrgId) => `similarity:${orgId}`;
/**
 * Recent answers, keyed by the assessment and its final submissions' ids: a
 * new submission makes a new key. Per process on purpose: an answer is only
 * a saving (any process can compute it again), and a key never goes stale.
 */
const CACHE_ENTRIES = 16;
const cache = new Map<string, SimilarityReport>();

const assessmentParams = z.strictObject({ assessmentId: idSchema });
const submissionParams = z.strictObject({ attemptId: idSchema, submissionId: z.string().min(1).max(100) });

export const similarityRoutes = [
  route({
    method: 'get',
    path: '/api/assessments/:assessmentId/similarity',
    summary:
      "Per challenge, pairs of candidates whose final code is unusually alike (winnowed token fingerprints; identifiers, literals, comments, order of functions and the starter code ignored), with a score and the matching line ranges. Evidence for a person to look at, never a verdict",
    tag: 'attempts',
    access: 'staff',
    roles: ROLES_FOR.readAttempts,
    params: assessmentParams,
    errors: { 429: 'A comparison for the organisation is still running: ask again in a moment' },
    status: 200,
    response: similarityReportSchema,
    async handler({ deps, staff, params, res }) {
      const orgId = staff.user.orgId;
      const assessment = await deps.store.getAssessment(orgId, params.assessmentId);
      if (!assessment) throw notFound('No such assessment');
      const ids = await deps.store.listFinalSubmissions(orgId, assessment.id, 0);
      const key = cacheKey(assessment, ids);
      const cached = cache.get(key);
      if (cached) return withNames(deps, orgId, assessment, ids, cached);
      const token = await deps.store.tryLock(similarityLockKey(orgId), packageLockTtlMs(deps.config.packages), new Date());
      if (token === undefined) {
        res.setHeader('Retry-After', '2');
        throw new ApiError('rate_limited', 'A comparison for your organisation is still running: ask again in a moment', { retryAfterSeconds: 2 });
      }
      try {
        const report = await compare(deps, orgId, assessment);
        remember(key, report);
        return await withNames(deps, orgId, assessment, ids, report);
      } finally {
        // A lock that could not be released runs out by itself.
        await deps.store.unlock(similarityLockKey(orgId), token).catch(() => undefined);
      }
    },
  }),
  route({
    method: 'get',
    path: '/api/attempts/:attemptId/submissions/:submissionId',
    summary: "One submission of an attempt with its source and full result (the similarity screen's side-by-side view reads both codes of a pair)",
    tag: 'attempts',
    access: 'staff',
    roles: ROLES_FOR.readAttempts,
    params: submissionParams,
    status: 200,
    response: staffSubmissionSchema,
    async handler({ deps, staff, params }) {
      const submission = await deps.store.getSubmission({ orgId: staff.user.orgId, attemptId: params.attemptId }, params.submissionId);
      if (!submission) throw notFound('No such submission');
      return toStaffSubmission(submission);
    },
  }),
];

async function compare(deps: AppDeps, orgId: OrgId, assessment: Assessment): Promise<SimilarityReport> {
  const finals = await deps.store.listFinalSubmissions(orgId, assessment.id, SOURCE_CHARS);
  const byId = new Map(finals.map((f) => [f.submissionId, f]));

  // One group per challenge and language: a pair is only ever two programs in the same language.
  const groups: { challenge: number; group: SimilarityGroup }[] = [];
  for (const [index, task] of assessment.challenges.entries()) {
    const ofTask = finals.filter((f) => f.challengeVersionId === task.challengeVersionId);
    const starters = (await deps.catalog.forOrg(orgId, task.challengeVersionId))?.starters ?? {};
    for (const language of new Set(ofTask.map((f) => f.language))) {
      const docs = ofTask.filter((f) => f.language === language).map((f) => ({ id: f.submissionId, owner: f.inviteId, source: f.source }));
      if (docs.length >= 2) groups.push({ challenge: index, group: { language, starter: starters[language] ?? '', docs } });
    }
  }
  const results = groups.length > 0 ? await deps.catalog.findSimilarity(groups.map((g) => g.group)) : [];

  const party = (submissionId: string) => partyOf(byId.get(submissionId)!);
  return {
    assessmentId: assessment.id,
    threshold: SIMILARITY_LIMITS.threshold,
    maxPairs: SIMILARITY_LIMITS.maxPairs,
    challenges: assessment.challenges.map((task, index) => ({
      challengeId: task.challengeId,
      challengeVersionId: task.challengeVersionId,
      title: task.title,
      compared: finals.filter((f) => f.challengeVersionId === task.challengeVersionId).length,
      pairs: groups
        .flatMap((g, i) => (g.challenge === index ? results[i]! : []))
        .sort((x, y) => y.score - x.score)
        .slice(0, SIMILARITY_LIMITS.maxPairs)
        .map((p) => ({ a: party(p.a), b: party(p.b), score: p.score, aShare: p.aShare, bShare: p.bShare, regions: p.regions })),
    })),
  };
}

/** A party without a name: names are put in as the answer leaves (withNames), so the cache holds none. */
function partyOf(final: FinalSubmission): SimilarityParty {
  return { attemptId: final.attemptId, candidateName: null, language: final.language, submissionId: final.submissionId };
}

/**
 * The one place a candidate's name enters the similarity answer, as anonymous
 * review shows it now ("Candidate 7" until a recruiter reveals the name).
 */
async function withNames(deps: AppDeps, orgId: OrgId, assessment: Assessment, finals: readonly FinalSubmission[], report: SimilarityReport): Promise<SimilarityReport> {
  const invites = await deps.store.listInvites(orgId, assessment.id);
  const masks = await loadMasks(deps.store, orgId, assessment, invites);
  const inviteOfAttempt = new Map<string, string>(finals.map((f) => [f.attemptId, f.inviteId]));
  const shown = new Map(invites.map((invite) => [invite.id, shownInvite(invite, masks.get(invite.id)!).candidateName]));
  const named = (party: SimilarityParty): SimilarityParty => ({ ...party, candidateName: shown.get(inviteOfAttempt.get(party.attemptId) ?? '') ?? null });
  return { ...report, challenges: report.challenges.map((c) => ({ ...c, pairs: c.pairs.map((p) => ({ ...p, a: named(p.a), b: named(p.b) })) })) };
}

function cacheKey(assessment: Assessment, finals: readonly FinalSubmission[]): string {
  const hash = createHash('sha256');
  // The challenge list too: a changed version or starter must not reuse an answer.
  for (const task of assessment.challenges) hash.update(`${task.challengeVersionId}\n`);
  for (const f of finals) hash.update(`${f.submissionId}\n`);
  return `${assessment.orgId}/${assessment.id}/${hash.digest('hex')}`;
}

function remember(key: string, report: SimilarityReport): void {
  cache.delete(key);
  cache.set(key, report);
  while (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
}
