import { z } from 'zod';
import { runningValidation, type StoredValidation } from '../../authoring/index.ts';
import { ROLES_FOR } from '../../auth/index.ts';
import { packageLockTtlMs } from '../../catalog/index.ts';
import { emptyDraft } from '../../challenges/index.ts';
import {
  challengeDraftSchema,
  challengeDraftViewSchema,
  challengeMetaSchema,
  createDraftSchema,
  draftListSchema,
  draftValidationReplySchema,
  idSchema,
  ORG_DRAFT_CAPS,
  publishedChallengeSchema,
  saveDraftSchema,
  statementPreviewRequestSchema,
  statementPreviewSchema,
  type ChallengeDraft,
  type ChallengeDraftView,
  type DraftSummary,
  type DraftValidation,
} from '../../contracts/index.ts';
import type { ChallengeDraftRecord, OrgId, Store } from '../../store/index.ts';
import { toChallengeSummary } from '../../views/index.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError, notFound } from '../errors.ts';
import { route, withStatus } from '../route.ts';

/*
 * Challenges written in the browser: a draft per challenge (slug) as one JSON
 * document, saved with the revision it was edited on; validation of its
 * reference and wrong solutions on the real judge; publishing as a new
 * immutable version through the same path as an upload. Paths name the
 * draft, not the challenge: a new challenge has no challenge id until its
 * first publish.
 */

const RETRY_AFTER_SECONDS = 10;
const FULL_MESSAGE = `The organisation's drafts are at their limit (${ORG_DRAFT_CAPS.count} drafts, ${ORG_DRAFT_CAPS.bytes / 1024 / 1024} MB together): publish or delete some`;
/**
 * A statement preview is made one at a time per organisation, on every server
 * process together (the shared store's lock `preview:<org>`), so typing
 * cannot queue work for the package workers.
 */
const previewKey = (orgId: OrgId) => `preview:${orgId}`;
const draftParams = z.strictObject({ draftId: idSchema });

type DraftRecord = ChallengeDraftRecord & { document: ChallengeDraft };

async function draftOf(store: Store, orgId: OrgId, draftId: string): Promise<DraftRecord> {
  const record = await store.getChallengeDraft(orgId, draftId);
  if (!record) throw notFound('No such draft');
  return { ...record, document: challengeDraftSchema.parse(record.document) };
}

function validationView(record: ChallengeDraftRecord): DraftValidation | null {
  const stored = record.validation as StoredValidation | null;
  return stored && { ...stored, stale: stored.revision !== record.revision };
}

async function view(store: Store, record: ChallengeDraftRecord, warnings?: string[]): Promise<ChallengeDraftView> {
  const challenge = await store.findChallengeBySlug(record.orgId, record.slug);
  return {
    id: record.id,
    slug: record.slug,
    challengeId: challenge?.id ?? null,
    revision: record.revision,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    draft: challengeDraftSchema.parse(record.document),
    validation: validationView(record),
    ...(warnings ? { warnings } : {}),
  };
}

/** The slug and first document of a new draft: given, or a published version's package turned into a draft. */
async function initialDraft(deps: AppDeps, orgId: OrgId, body: z.infer<typeof createDraftSchema>): Promise<{ slug: string; draft: ChallengeDraft; warnings?: string[] }> {
  if ('slug' in body) return { slug: body.slug, draft: body.draft ?? emptyDraft(body.slug) };
  const version = await deps.store.getChallengeVersion(orgId, body.fromVersionId);
  const challenge = version && (await deps.store.getChallenge(orgId, version.challengeId));
  if (!version || !challenge) throw notFound('No such challenge version');
  const converted = await deps.catalog.draftOf(orgId, version.id);
  if (!converted) throw notFound('No such challenge version');
  const parsed = challengeDraftSchema.safeParse(converted.draft);
  if (!parsed.success) throw new ApiError('package_invalid', 'This version does not fit in a draft (too large or outside what a draft holds); edit it as a package', parsed.error.issues.slice(0, 10));
  return { slug: challenge.slug, draft: parsed.data, warnings: converted.warnings };
}

/** The first title, English when there is one: what names a draft in a list. */
function firstTitle(titles: unknown, slug: string): string {
  if (typeof titles !== 'object' || titles === null) return slug;
  const record = titles as Record<string, unknown>;
  const title = record.en ?? Object.values(record)[0];
  return typeof title === 'string' && title ? title : slug;
}

async function summaries(store: Store, orgId: OrgId): Promise<DraftSummary[]> {
  const [drafts, challenges] = await Promise.all([store.listChallengeDrafts(orgId), store.listChallenges(orgId)]);
  const published = new Map(challenges.map((c) => [c.slug, c.id]));
  return drafts.map((draft) => ({
    id: draft.id,
    slug: draft.slug,
    title: firstTitle(draft.title, draft.slug),
    challengeId: published.get(draft.slug) ?? null,
    revision: draft.revision,
    updatedAt: draft.updatedAt.toISOString(),
    validation: !draft.validation ? null : draft.validation.revision !== draft.revision ? 'stale' : (draft.validation.status as DraftSummary['validation']),
  }));
}

export const draftRoutes = [
  route({
    method: 'get',
    path: '/api/challenge-drafts',
    summary: "The organisation's drafts, the most recently changed first",
    tag: 'drafts',
    access: 'staff',
    roles: ROLES_FOR.readChallenges,
    status: 200,
    response: draftListSchema,
    async handler({ deps, staff }) {
      return { drafts: await summaries(deps.store, staff.user.orgId) };
    },
  }),
  route({
    method: 'post',
    path: '/api/statement-preview',
    summary: "A statement's Markdown as the candidate's page will show it (the same parser, in a package worker); one at a time per organisation",
    tag: 'drafts',
    access: 'staff',
    roles: ROLES_FOR.publishChallenges,
    body: statementPreviewRequestSchema,
    errors: { 429: 'A preview for the organisation is still being made: ask again in a moment' },
    status: 200,
    response: statementPreviewSchema,
    async handler({ deps, staff, body }) {
      const orgId = staff.user.orgId;
      const token = await deps.store.tryLock(previewKey(orgId), packageLockTtlMs(deps.config.packages), new Date());
      if (token === undefined) throw new ApiError('rate_limited', 'A preview is still being made: ask again in a moment', { retryAfterSeconds: 1 });
      try {
        const parsed = await deps.catalog.previewStatement(body.markdown);
        return { statement: parsed.doc, issues: parsed.issues };
      } finally {
        // A lock that could not be released runs out by itself.
        await deps.store.unlock(previewKey(orgId), token).catch(() => undefined);
      }
    },
  }),
  route({
    method: 'post',
    path: '/api/challenge-drafts',
    summary: "Starts a draft: of a new challenge (a slug, and optionally the document), or of a published version's package",
    tag: 'drafts',
    access: 'staff',
    roles: ROLES_FOR.publishChallenges,
    body: createDraftSchema,
    errors: { 409: 'The organisation already has a draft of this challenge (its id is in details)', 413: "The organisation's drafts are at their limit", 422: 'The version does not fit in a draft' },
    status: 201,
    response: challengeDraftViewSchema,
    async handler({ deps, staff, body }) {
      const orgId = staff.user.orgId;
      const initial = await initialDraft(deps, orgId, body);
      const created = await deps.store.createChallengeDraft(orgId, { slug: initial.slug, document: initial.draft }, ORG_DRAFT_CAPS);
      if (!created.ok && created.reason === 'full') throw new ApiError('quota_exceeded', FULL_MESSAGE);
      if (!created.ok) throw new ApiError('conflict', `There is already a draft of ${initial.slug}: open it instead`, { draftId: created.id });
      return view(deps.store, created.value, initial.warnings ?? []);
    },
  }),
  route({
    method: 'get',
    path: '/api/challenge-drafts/:draftId',
    summary: 'A draft with its revision and latest validation',
    tag: 'drafts',
    access: 'staff',
    roles: ROLES_FOR.readChallenges,
    params: draftParams,
    status: 200,
    response: challengeDraftViewSchema,
    async handler({ deps, staff, params }) {
      return view(deps.store, await draftOf(deps.store, staff.user.orgId, params.draftId));
    },
  }),
  route({
    method: 'put',
    path: '/api/challenge-drafts/:draftId',
    summary: 'Saves a draft edited on `revision`; a newer revision on the server refuses it (409 conflict)',
    tag: 'drafts',
    access: 'staff',
    roles: ROLES_FOR.publishChallenges,
    params: draftParams,
    body: saveDraftSchema,
    errors: { 409: 'Someone saved the draft since `revision`: reload it', 413: "The organisation's drafts are at their limit" },
    status: 200,
    response: challengeDraftViewSchema,
    async handler({ deps, staff, params, body }) {
      const saved = await deps.store.saveChallengeDraft(staff.user.orgId, params.draftId, body.draft, body.revision, ORG_DRAFT_CAPS);
      if (!saved.ok) {
        if (saved.reason === 'not_found') throw notFound('No such draft');
        if (saved.reason === 'full') throw new ApiError('quota_exceeded', FULL_MESSAGE);
        throw new ApiError('conflict', 'The draft was saved by someone else since you opened it: reload it and make your change again');
      }
      return view(deps.store, saved.value);
    },
  }),
  route({
    method: 'post',
    path: '/api/challenge-drafts/:draftId/validate',
    summary: "Validates the draft's current revision: builds its package and judges every reference and wrong solution on every test; poll the validation",
    tag: 'drafts',
    access: 'staff',
    roles: ROLES_FOR.publishChallenges,
    params: draftParams,
    errors: { 429: 'A validation of the organisation is queued or running: try again after Retry-After seconds' },
    status: 202,
    response: draftValidationReplySchema,
    async handler({ deps, staff, params, res }) {
      const orgId = staff.user.orgId;
      const record = await draftOf(deps.store, orgId, params.draftId);
      const validation = runningValidation(record.document.solutions, record.revision, deps.clock().toISOString());
      if (record.document.solutions.length === 0) {
        const refused: StoredValidation = { ...validation, status: 'failed', finishedAt: validation.startedAt, error: 'The draft has no solutions: add a reference solution that is accepted' };
        await deps.store.setDraftValidation(orgId, record.id, refused);
        return { validation: { ...refused, stale: false } };
      }
      // The running record and the queue's job in one transaction: a worker (after any waiting submission) takes it.
      const started = await deps.store.startDraftValidation(orgId, record.id, { revision: record.revision, document: record.document, validation });
      if (!started.ok && started.reason === 'not_found') throw notFound('No such draft');
      if (!started.ok) {
        res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
        throw new ApiError('rate_limited', 'A validation of your organisation is queued or running. Try again when it has finished.');
      }
      deps.wakeWorkers();
      return { validation: { ...validation, stale: false } };
    },
  }),
  route({
    method: 'get',
    path: '/api/challenge-drafts/:draftId/validation',
    summary: "The draft's latest validation (null before the first), with each solution's expected and judged verdict; `stale` once the draft changed",
    tag: 'drafts',
    access: 'staff',
    roles: ROLES_FOR.readChallenges,
    params: draftParams,
    status: 200,
    response: draftValidationReplySchema,
    async handler({ deps, staff, params }) {
      const record = await deps.store.getChallengeDraft(staff.user.orgId, params.draftId);
      if (!record) throw notFound('No such draft');
      return { validation: validationView(record) };
    },
  }),
  route({
    method: 'post',
    path: '/api/challenge-drafts/:draftId/publish',
    summary: 'Publishes the draft as a new immutable version of its challenge, as an upload would; needs a passed validation of the current revision',
    tag: 'drafts',
    access: 'staff',
    roles: ROLES_FOR.publishChallenges,
    params: draftParams,
    errors: {
      409: 'validation_required: the current revision has no passed validation',
      413: 'The package would pass the organisation’s storage quota',
      429: 'An upload or publish of the organisation is in flight: try again after Retry-After seconds',
    },
    status: 201,
    response: publishedChallengeSchema,
    async handler({ deps, staff, params, res }) {
      const orgId = staff.user.orgId;
      const record = await draftOf(deps.store, orgId, params.draftId);
      const validation = validationView(record);
      if (!validation || validation.stale || validation.status !== 'passed') {
        const why = !validation ? 'it was never validated' : validation.stale ? 'it changed since its last validation' : `its last validation is ${validation.status}`;
        throw new ApiError('validation_required', `Validate the draft before publishing: ${why}`);
      }
      const published = await deps.catalog.publishDraft(orgId, { slug: record.slug, draft: record.document });
      if (!published) {
        res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
        throw new ApiError('rate_limited', 'Another upload of your organisation is in flight, or the server is busy with others. Try again in a moment.');
      }
      const version = published.version;
      return withStatus(published.created ? 201 : 200, {
        challenge: toChallengeSummary(published.challenge, challengeMetaSchema.parse(version.meta)),
        version: { id: version.id, version: version.version, contentHash: version.contentHash, createdAt: version.createdAt.toISOString() },
        created: published.created,
        warnings: published.warnings,
      });
    },
  }),
  route({
    method: 'delete',
    path: '/api/challenge-drafts/:draftId',
    summary: 'Deletes a draft; published versions stay',
    tag: 'drafts',
    access: 'staff',
    roles: ROLES_FOR.publishChallenges,
    params: draftParams,
    status: 200,
    response: z.object({ deleted: z.literal(true) }),
    async handler({ deps, staff, params }) {
      if (!(await deps.store.deleteChallengeDraft(staff.user.orgId, params.draftId))) throw notFound('No such draft');
      return { deleted: true as const };
    },
  }),
];
