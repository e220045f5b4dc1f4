import { z } from 'zod';
import { ROLES_FOR, type StaffIdentity } from '../../auth/index.ts';
import { candidateReviewViewSchema, dashboardRowSchema, dashboardSchema, idSchema, isoTimeSchema, reviewBodySchema, type DashboardView } from '../../contracts/index.ts';
import { buildDashboard, dashboardCsv, dashboardRow, loadMask, masksOf } from '../../review/index.ts';
import type { Attempt, CandidateReview, OrgId, ReviewActor, Store } from '../../store/index.ts';
import { notFound } from '../errors.ts';
import { fileReply, route } from '../route.ts';

const assessmentParams = z.strictObject({ assessmentId: idSchema });
const inviteParams = z.strictObject({ inviteId: idSchema });

const actorOf = (staff: StaffIdentity): ReviewActor => ({ staffUserId: staff.user.id, staffName: staff.user.displayName });

/**
 * The whole dashboard in five reads whatever the number of candidates (the
 * assessment, its invites, attempts, submit scores and reviews): no read per
 * candidate. Bounded by the invites an assessment may hold (2000 by default).
 */
async function dashboardOf(store: Store, orgId: OrgId, assessmentId: string, now: Date): Promise<DashboardView> {
  const assessment = await store.getAssessment(orgId, assessmentId);
  if (!assessment) throw notFound('No such assessment');
  const [invites, attempts, scores, reviews] = await Promise.all([
    store.listInvites(orgId, assessmentId),
    store.listAttempts(orgId, assessmentId),
    store.listSubmitScores(orgId, assessmentId),
    store.listCandidateReviews(orgId, assessmentId),
  ]);
  return buildDashboard({
    assessment,
    invites,
    attempts: new Map(attempts.map((a) => [a.id, a])),
    scores,
    reviews,
    masks: masksOf(assessment, invites, reviews),
    now,
  });
}

/** The review as its contract shows it. */
const reviewView = (review: CandidateReview) => ({
  note: review.note,
  rating: review.rating,
  shortlisted: review.shortlisted,
  updatedBy: review.updatedByName,
  updatedAt: review.updatedAt?.toISOString() ?? null,
});

export const reviewRoutes = [
  route({
    method: 'get',
    path: '/api/assessments/:assessmentId/dashboard',
    summary:
      'Every invited candidate of an assessment: status, score per task and total with their maxima, time used and allowed, languages, and the staff review (names hidden in anonymous review until revealed)',
    tag: 'review',
    access: 'staff',
    roles: ROLES_FOR.readAttempts,
    params: assessmentParams,
    status: 200,
    response: dashboardSchema,
    async handler({ deps, staff, params }) {
      return dashboardOf(deps.store, staff.user.orgId, params.assessmentId, deps.clock());
    },
  }),
  route({
    method: 'get',
    path: '/api/assessments/:assessmentId/dashboard/rows/:inviteId',
    summary: "One candidate's dashboard row (a live page refetches it when the candidate's attempt changes)",
    tag: 'review',
    access: 'staff',
    roles: ROLES_FOR.readAttempts,
    params: z.strictObject({ assessmentId: idSchema, inviteId: idSchema }),
    status: 200,
    response: dashboardRowSchema,
    async handler({ deps, staff, params }) {
      const orgId = staff.user.orgId;
      const [assessment, invite] = await Promise.all([deps.store.getAssessment(orgId, params.assessmentId), deps.store.getInvite(orgId, params.inviteId)]);
      if (!assessment || !invite || invite.assessmentId !== assessment.id) throw notFound('No such candidate in this assessment');
      const attempt = invite.attemptId ? await deps.store.getAttempt({ orgId, attemptId: invite.attemptId }) : undefined;
      // Scores only, never the sources: this read runs on every live change of the candidate.
      const [mask, review, submits] = await Promise.all([
        loadMask(deps.store, orgId, invite),
        deps.store.getCandidateReview(orgId, invite.id),
        attempt ? deps.store.listSubmitScores(orgId, assessment.id, attempt.id) : [],
      ]);
      return dashboardRow({
        assessment,
        invite,
        attempts: new Map<string, Attempt>(attempt ? [[attempt.id, attempt]] : []),
        submits,
        reviews: new Map(review ? [[invite.id, review]] : []),
        masks: new Map([[invite.id, mask]]),
        now: deps.clock(),
      });
    },
  }),
  route({
    method: 'get',
    path: '/api/assessments/:assessmentId/dashboard.csv',
    summary: 'The dashboard as CSV (UTF-8 with a byte-order mark; cells a spreadsheet would run as formulas are neutralised with a leading apostrophe)',
    tag: 'review',
    access: 'staff',
    roles: ROLES_FOR.readAttempts,
    params: assessmentParams,
    status: 200,
    produces: ['text/csv'],
    response: z.string(),
    async handler({ deps, staff, params }) {
      const view = await dashboardOf(deps.store, staff.user.orgId, params.assessmentId, deps.clock());
      return fileReply('text/csv; charset=utf-8', Buffer.from(dashboardCsv(view), 'utf8'), {
        'Content-Disposition': `attachment; filename="kodbro-${params.assessmentId}.csv"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
    },
  }),
  route({
    method: 'put',
    path: '/api/invites/:inviteId/review',
    summary: "Saves the staff review of a candidate: a note (at most 4000 characters), a rating 1–5 or none, and whether they are shortlisted; seen by the organisation's staff who read attempts",
    tag: 'review',
    access: 'staff',
    roles: ROLES_FOR.readAttempts,
    params: inviteParams,
    body: reviewBodySchema,
    status: 200,
    response: candidateReviewViewSchema,
    async handler({ deps, staff, params, body }) {
      const saved = await deps.store.saveCandidateReview(staff.user.orgId, params.inviteId, body, actorOf(staff));
      if (!saved) throw notFound('No such invite');
      return reviewView(saved);
    },
  }),
  route({
    method: 'post',
    path: '/api/invites/:inviteId/reveal',
    summary: "Reveals one candidate's name and contact in anonymous review; recorded (who, when) and shown on the dashboard. A second reveal keeps the first record",
    tag: 'review',
    access: 'staff',
    roles: ROLES_FOR.readAttempts,
    params: inviteParams,
    body: z.strictObject({}).optional(),
    status: 200,
    response: z.object({ inviteId: idSchema, revealedBy: z.string().nullable(), revealedAt: isoTimeSchema }),
    async handler({ deps, staff, params }) {
      const revealed = await deps.store.revealCandidate(staff.user.orgId, params.inviteId, actorOf(staff));
      if (!revealed?.revealedAt) throw notFound('No such invite');
      return { inviteId: revealed.inviteId, revealedBy: revealed.revealedByName, revealedAt: revealed.revealedAt.toISOString() };
    },
  }),
];
