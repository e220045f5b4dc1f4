import { z } from 'zod';
import { inviteLink, ROLES_FOR, type StaffIdentity } from '../../auth/index.ts';
import {
  assessmentListSchema,
  assessmentViewSchema,
  attemptDetailSchema,
  attemptEventPageSchema,
  attemptListSchema,
  attemptSubmissionPageSchema,
  createAssessmentBodySchema,
  createdInviteSchema,
  createInviteBodySchema,
  idSchema,
  inviteListSchema,
  inviteViewSchema,
  pageQuerySchema,
  updateAssessmentBodySchema,
  type AttemptEventView,
} from '../../contracts/index.ts';
import type { Attempt, AttemptEvent, AttemptScope, ChangeActor, OrgId, Store } from '../../store/index.ts';
import { loadMasks, shownInvite, staffInvite } from '../../review/index.ts';
import { toAssessmentView, toAttemptSummary, toDraftView, toInviteView, toStaffSubmission } from '../../views/index.ts';
import { ApiError, invitesFull, notFound } from '../errors.ts';
import { route } from '../route.ts';

const assessmentParams = z.strictObject({ assessmentId: idSchema });

async function assessmentOf(store: Store, orgId: OrgId, assessmentId: string) {
  const assessment = await store.getAssessment(orgId, assessmentId);
  if (!assessment) throw notFound('No such assessment');
  return assessment;
}

/** Who is changing an assessment, for its change record. */
export const actorOf = (staff: StaffIdentity): ChangeActor => ({ staffUserId: staff.user.id, staffName: staff.user.displayName });

/** A task list the store refused: a version not of this organisation, or one challenge twice. */
function taskRefusal(reason: 'challenge_not_found' | 'challenge_repeated'): ApiError {
  return reason === 'challenge_not_found'
    ? new ApiError('invalid_request', 'A listed challenge or version does not exist', { reason })
    : new ApiError('invalid_request', 'A challenge is listed twice (two versions of one challenge)', { reason });
}

/**
 * A PATCH that moves one end of the window past the stored other end: the
 * schema cannot see that, so the same validation body (with its issues) is built here.
 */
function windowNotOrdered(): ApiError {
  const message = 'closesAt must be after opensAt';
  return new ApiError('invalid_request', `Invalid request body: body.closesAt: ${message}`, { issues: [{ path: 'body.closesAt', message }] });
}

/**
 * Pages of a recruiter's attempt read: bounded in count and in bytes, since
 * one submission may hold 256 KB of source and 64 KB of input, and one event a
 * draft snapshot of 256 KB. A page holds at least one item, so it is at most
 * PAGE_BYTES or one item, whichever is larger.
 */
const PAGE_BYTES = 1024 * 1024;
const SUBMISSIONS_PER_PAGE = { first: 20, max: 100 };
const EVENTS_PER_PAGE = { first: 200, max: 1000 };
/** The first read carries the drafts and both first pages, so its pages are smaller. */
const FIRST_SUBMISSIONS_BYTES = 512 * 1024;
const FIRST_EVENTS_BYTES = 256 * 1024;

export const attemptParams = z.strictObject({ attemptId: idSchema });

export async function attemptScopeOf(store: Store, orgId: OrgId, attemptId: string): Promise<{ scope: AttemptScope; attempt: Attempt }> {
  const scope: AttemptScope = { orgId, attemptId };
  const attempt = await store.getAttempt(scope);
  if (!attempt) throw notFound('No such attempt');
  return { scope, attempt };
}

const toEventView = (e: AttemptEvent): AttemptEventView => ({ seq: e.seq, kind: e.kind, at: e.at.toISOString(), data: e.data });

/** Every attempt of an assessment, keyed by its id, for invite statuses. */
async function attemptsById(store: Store, orgId: OrgId, assessmentId: string): Promise<Map<string, Attempt>> {
  return new Map((await store.listAttempts(orgId, assessmentId)).map((a) => [a.id, a]));
}

export const assessmentRoutes = [
  route({
    method: 'get',
    path: '/api/assessments',
    summary: "The organisation's assessments",
    tag: 'assessments',
    access: 'staff',
    roles: ROLES_FOR.readAssessments,
    status: 200,
    response: assessmentListSchema,
    async handler({ deps, staff }) {
      return { assessments: (await deps.store.listAssessments(staff.user.orgId)).map(toAssessmentView) };
    },
  }),
  route({
    method: 'post',
    path: '/api/assessments',
    summary: 'Bundles challenge versions (pinned as listed, or each challenge at its newest) into an assessment',
    tag: 'assessments',
    access: 'staff',
    roles: ROLES_FOR.writeAssessments,
    body: createAssessmentBodySchema,
    status: 201,
    response: assessmentViewSchema,
    async handler({ deps, staff, body }) {
      const settings = {
        title: body.title,
        timeLimitMinutes: body.timeLimitMinutes,
        opensAt: new Date(body.opensAt),
        closesAt: new Date(body.closesAt),
        resultsVisibility: body.resultsVisibility,
        ...(body.interfaceLanguages ? { interfaceLanguages: body.interfaceLanguages } : {}),
        ...(body.secondLanguagePercent !== undefined ? { secondLanguagePercent: body.secondLanguagePercent } : {}),
        ...(body.anonymousReview !== undefined ? { anonymousReview: body.anonymousReview } : {}),
      };
      const tasks = body.challengeVersionIds ? { challengeVersionIds: body.challengeVersionIds } : { challengeIds: body.challengeIds ?? [] };
      const created = await deps.store.createAssessment(staff.user.orgId, { ...settings, ...tasks }, actorOf(staff));
      if (!created.ok) throw taskRefusal(created.reason);
      return toAssessmentView(created.value);
    },
  }),
  route({
    method: 'get',
    path: '/api/assessments/:assessmentId',
    summary: 'One assessment',
    tag: 'assessments',
    access: 'staff',
    roles: ROLES_FOR.readAssessments,
    params: assessmentParams,
    status: 200,
    response: assessmentViewSchema,
    async handler({ deps, staff, params }) {
      return toAssessmentView(await assessmentOf(deps.store, staff.user.orgId, params.assessmentId));
    },
  }),
  route({
    method: 'patch',
    path: '/api/assessments/:assessmentId',
    summary:
      "Changes an assessment's settings or tasks, recorded. Once a candidate has started only the title, a later close and more interface languages (409 assessment_running otherwise); started attempts keep their deadline",
    tag: 'assessments',
    access: 'staff',
    roles: ROLES_FOR.writeAssessments,
    params: assessmentParams,
    body: updateAssessmentBodySchema,
    errors: { 409: 'A candidate has started and the change is not a safe one (assessment_running; `details.fields` names the settings)' },
    status: 200,
    response: assessmentViewSchema,
    async handler({ deps, staff, params, body }) {
      const orgId = staff.user.orgId;
      const current = await assessmentOf(deps.store, orgId, params.assessmentId);
      const opensAt = body.opensAt ? new Date(body.opensAt) : current.opensAt;
      const closesAt = body.closesAt ? new Date(body.closesAt) : current.closesAt;
      if (closesAt <= opensAt) throw windowNotOrdered();
      const updated = await deps.store.updateAssessment(
        orgId,
        params.assessmentId,
        {
          ...(body.title !== undefined ? { title: body.title } : {}),
          ...(body.challengeVersionIds !== undefined ? { challengeVersionIds: body.challengeVersionIds } : {}),
          ...(body.timeLimitMinutes !== undefined ? { timeLimitMinutes: body.timeLimitMinutes } : {}),
          ...(body.resultsVisibility !== undefined ? { resultsVisibility: body.resultsVisibility } : {}),
          ...(body.interfaceLanguages !== undefined ? { interfaceLanguages: body.interfaceLanguages } : {}),
          ...(body.secondLanguagePercent !== undefined ? { secondLanguagePercent: body.secondLanguagePercent } : {}),
          ...(body.anonymousReview !== undefined ? { anonymousReview: body.anonymousReview } : {}),
          opensAt,
          closesAt,
        },
        actorOf(staff),
      );
      if (updated.ok) return toAssessmentView(updated.value);
      if (updated.reason === 'not_found') throw notFound('No such assessment');
      if (updated.reason === 'running') {
        throw new ApiError(
          'assessment_running',
          `A candidate has started this assessment: ${updated.fields.join(', ')} can no longer change. Duplicate it for a new round.`,
          { fields: updated.fields },
        );
      }
      throw taskRefusal(updated.reason);
    },
  }),
  route({
    method: 'get',
    path: '/api/assessments/:assessmentId/invites',
    summary: "An assessment's invites with each candidate's status",
    tag: 'invites',
    access: 'staff',
    roles: ROLES_FOR.readInvites,
    params: assessmentParams,
    status: 200,
    response: inviteListSchema,
    async handler({ deps, staff, params }) {
      const orgId = staff.user.orgId;
      const assessment = await assessmentOf(deps.store, orgId, params.assessmentId);
      const attempts = await attemptsById(deps.store, orgId, params.assessmentId);
      const invites = await deps.store.listInvites(orgId, params.assessmentId);
      const masks = await loadMasks(deps.store, orgId, assessment, invites);
      const now = deps.clock();
      return {
        invites: invites.map((invite) => toInviteView(shownInvite(invite, masks.get(invite.id)!), invite.attemptId ? attempts.get(invite.attemptId) : undefined, now)),
      };
    },
  }),
  route({
    method: 'post',
    path: '/api/assessments/:assessmentId/invites',
    summary: 'Invites one candidate: a link token (kept sealed, so it can be shown again) and a short code',
    tag: 'invites',
    access: 'staff',
    roles: ROLES_FOR.writeInvites,
    params: assessmentParams,
    body: createInviteBodySchema,
    errors: { 413: 'The assessment holds KODBRO_INVITES_PER_ASSESSMENT invites already (quota_exceeded)' },
    status: 201,
    response: createdInviteSchema,
    async handler({ deps, staff, params, body }) {
      const created = await deps.store.createInvite(staff.user.orgId, params.assessmentId, {
        candidateName: body.candidateName,
        contact: body.contact ?? null,
        preferredLanguage: body.preferredLanguage ?? null,
        extraMinutes: body.extraMinutes ?? 0,
      });
      if (!created.ok && created.reason === 'full') throw invitesFull(deps.config.quotas.invitesPerAssessment);
      if (!created.ok) throw notFound('No such assessment');
      const invite = await staffInvite(deps.store, staff.user.orgId, created.value.invite);
      return { invite: toInviteView(invite, undefined, deps.clock()), token: created.value.token, url: inviteLink(deps.config.publicUrl, created.value.token) };
    },
  }),
  route({
    method: 'post',
    path: '/api/invites/:inviteId/revoke',
    summary: 'Revokes an invite: its link, code and session stop working',
    tag: 'invites',
    access: 'staff',
    roles: ROLES_FOR.writeInvites,
    params: z.strictObject({ inviteId: idSchema }),
    body: z.strictObject({}).optional(),
    status: 200,
    response: inviteViewSchema,
    async handler({ deps, staff, params }) {
      const orgId = staff.user.orgId;
      const invite = await deps.store.revokeInvite(orgId, params.inviteId);
      if (!invite) throw notFound('No such invite');
      const attempt = invite.attemptId ? await deps.store.getAttempt({ orgId, attemptId: invite.attemptId }) : undefined;
      return toInviteView(await staffInvite(deps.store, orgId, invite), attempt, deps.clock());
    },
  }),
  route({
    method: 'get',
    path: '/api/assessments/:assessmentId/attempts',
    summary: 'Every candidate who started: status, score, time and languages',
    tag: 'attempts',
    access: 'staff',
    roles: ROLES_FOR.readAttempts,
    params: assessmentParams,
    status: 200,
    response: attemptListSchema,
    async handler({ deps, staff, params }) {
      const orgId = staff.user.orgId;
      const assessment = await assessmentOf(deps.store, orgId, params.assessmentId);
      const attempts = await deps.store.listAttempts(orgId, params.assessmentId);
      const invited = await deps.store.listInvites(orgId, params.assessmentId);
      const masks = await loadMasks(deps.store, orgId, assessment, invited);
      const invites = new Map(invited.map((i) => [i.id, shownInvite(i, masks.get(i.id)!)]));
      const now = deps.clock();
      return {
        attempts: await Promise.all(
          attempts.map(async (a) => toAttemptSummary(a, invites.get(a.inviteId), await deps.store.listSubmissions({ orgId, attemptId: a.id }), now)),
        ),
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/attempts/:attemptId',
    summary: "One candidate's attempt: summary, drafts, and the first page of submissions (with full results) and of the event log",
    tag: 'attempts',
    access: 'staff',
    roles: ROLES_FOR.readAttempts,
    params: attemptParams,
    status: 200,
    response: attemptDetailSchema,
    async handler({ deps, staff, params }) {
      const { scope, attempt } = await attemptScopeOf(deps.store, staff.user.orgId, params.attemptId);
      const [invite, drafts, all, submissions, events] = await Promise.all([
        deps.store.getInvite(staff.user.orgId, attempt.inviteId),
        deps.store.listDrafts(scope),
        deps.store.listSubmissions(scope),
        deps.store.listSubmissionsPage(scope, { limit: SUBMISSIONS_PER_PAGE.first, maxBytes: FIRST_SUBMISSIONS_BYTES }),
        deps.store.listEventsPage(scope, { limit: EVENTS_PER_PAGE.first, maxBytes: FIRST_EVENTS_BYTES }),
      ]);
      return {
        attempt: toAttemptSummary(attempt, invite && (await staffInvite(deps.store, staff.user.orgId, invite)), all, deps.clock()),
        assessmentId: attempt.assessmentId,
        drafts: drafts.map(toDraftView),
        submissions: submissions.items.map(toStaffSubmission),
        submissionsNext: submissions.next,
        events: events.items.map(toEventView),
        eventsNext: events.next,
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/attempts/:attemptId/submissions',
    summary: "An attempt's submissions with source and full results, oldest first, a page at a time (`after` = the previous page's `next`)",
    tag: 'attempts',
    access: 'staff',
    roles: ROLES_FOR.readAttempts,
    params: attemptParams,
    query: pageQuerySchema(SUBMISSIONS_PER_PAGE.max),
    status: 200,
    response: attemptSubmissionPageSchema,
    async handler({ deps, staff, params, query }) {
      const { scope } = await attemptScopeOf(deps.store, staff.user.orgId, params.attemptId);
      const page = await deps.store.listSubmissionsPage(scope, { after: query.after, limit: query.limit ?? SUBMISSIONS_PER_PAGE.first, maxBytes: PAGE_BYTES });
      return { submissions: page.items.map(toStaffSubmission), next: page.next };
    },
  }),
  route({
    method: 'get',
    path: '/api/attempts/:attemptId/events',
    summary: "An attempt's event log (starts, draft history, runs, connection changes), in order, a page at a time (`after` = the previous page's `next`)",
    tag: 'attempts',
    access: 'staff',
    roles: ROLES_FOR.readAttempts,
    params: attemptParams,
    query: pageQuerySchema(EVENTS_PER_PAGE.max),
    status: 200,
    response: attemptEventPageSchema,
    async handler({ deps, staff, params, query }) {
      const { scope } = await attemptScopeOf(deps.store, staff.user.orgId, params.attemptId);
      const page = await deps.store.listEventsPage(scope, { after: query.after, limit: query.limit ?? EVENTS_PER_PAGE.first, maxBytes: PAGE_BYTES });
      return { events: page.items.map(toEventView), next: page.next };
    },
  }),
];
