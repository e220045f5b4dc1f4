import { z } from 'zod';
import { inviteLink, ROLES_FOR } from '../../auth/index.ts';
import {
  createdInviteSchema,
  extendInviteBodySchema,
  idSchema,
  importInvitesBodySchema,
  importResultSchema,
  inviteLinkSchema,
  inviteViewSchema,
  sheetSchema,
  type ImportRow,
} from '../../contracts/index.ts';
import { parseInviteCsv, type ParsedInviteRow } from '../../invites/index.ts';
import type { Invite, OrgId, Store } from '../../store/index.ts';
import { loadMasks, shownInvite, staffInvite } from '../../review/index.ts';
import { inviteLanguage, toInviteView } from '../../views/index.ts';
import { ApiError, invitesFull, notFound } from '../errors.ts';
import type { AppDeps } from '../deps.ts';
import { route } from '../route.ts';

const inviteParams = z.strictObject({ inviteId: idSchema });
const assessmentParams = z.strictObject({ assessmentId: idSchema });

async function inviteView(deps: AppDeps, orgId: OrgId, invite: Invite) {
  const attempt = invite.attemptId ? await deps.store.getAttempt({ orgId, attemptId: invite.attemptId }) : undefined;
  return toInviteView(await staffInvite(deps.store, orgId, invite), attempt, deps.clock());
}

async function assessmentOf(store: Store, orgId: OrgId, assessmentId: string) {
  const assessment = await store.getAssessment(orgId, assessmentId);
  if (!assessment) throw notFound('No such assessment');
  return assessment;
}

/** A parsed row as the preview shows it, before the store decides. */
function previewRow(row: ParsedInviteRow, status: ImportRow['status']): ImportRow {
  return {
    row: row.row,
    candidateName: row.candidateName,
    contact: row.contact,
    preferredLanguage: row.preferredLanguage,
    extraMinutes: row.extraMinutes,
    status,
    inviteId: null,
  };
}

/** Each valid row's status against the assessment's earlier imports and the rows above it in the same file. */
function classify(rows: readonly ParsedInviteRow[], used: ReadonlySet<string>): ImportRow[] {
  const seen = new Set<string>();
  return rows.map((row) => {
    if (row.issues.length > 0) return previewRow(row, 'invalid');
    if (used.has(row.importKey)) return previewRow(row, 'already_invited');
    if (seen.has(row.importKey)) return previewRow(row, 'duplicate');
    seen.add(row.importKey);
    return previewRow(row, 'new');
  });
}

export const inviteRoutes = [
  route({
    method: 'get',
    path: '/api/invites/:inviteId/link',
    summary: "An invite's link and short code, shown again",
    tag: 'invites',
    access: 'staff',
    // The link is the candidate's way in: whoever may make invites may show it, as they saw it when it was made.
    roles: ROLES_FOR.writeInvites,
    params: inviteParams,
    errors: { 409: 'The invite was made before links were kept: re-issue it' },
    status: 200,
    response: inviteLinkSchema,
    async handler({ deps, staff, params }) {
      const orgId = staff.user.orgId;
      const invite = await deps.store.getInvite(orgId, params.inviteId);
      if (!invite) throw notFound('No such invite');
      const token = await deps.store.getInviteToken(orgId, params.inviteId);
      if (!token.ok) {
        if (token.reason === 'not_found') throw notFound('No such invite');
        throw new ApiError('conflict', 'This invite’s link was not kept (it was made before links could be shown again). Re-issue it to get a new link.');
      }
      return { token: token.value, url: inviteLink(deps.config.publicUrl, token.value), shortCode: invite.shortCode };
    },
  }),
  route({
    method: 'post',
    path: '/api/invites/:inviteId/reissue',
    summary: 'A new link and short code for an invite; the old ones stop working at once',
    tag: 'invites',
    access: 'staff',
    roles: ROLES_FOR.writeInvites,
    params: inviteParams,
    body: z.strictObject({}).optional(),
    errors: { 409: 'The invite is revoked' },
    status: 200,
    response: createdInviteSchema,
    async handler({ deps, staff, params }) {
      const orgId = staff.user.orgId;
      const reissued = await deps.store.reissueInvite(orgId, params.inviteId);
      if (!reissued.ok) {
        if (reissued.reason === 'not_found') throw notFound('No such invite');
        throw new ApiError('conflict', 'This invite is revoked; make a new invite instead');
      }
      const { invite, token } = reissued.value;
      return { invite: await inviteView(deps, orgId, invite), token, url: inviteLink(deps.config.publicUrl, token) };
    },
  }),
  route({
    method: 'post',
    path: '/api/invites/:inviteId/extend',
    summary: 'Lets the candidate start until a later time, even after the assessment closes',
    tag: 'invites',
    access: 'staff',
    roles: ROLES_FOR.writeInvites,
    params: inviteParams,
    body: extendInviteBodySchema,
    errors: { 409: 'The invite is revoked, or the time is not later than its current end' },
    status: 200,
    response: inviteViewSchema,
    async handler({ deps, staff, params, body }) {
      const orgId = staff.user.orgId;
      const extended = await deps.store.extendInvite(orgId, params.inviteId, new Date(body.expiresAt));
      if (!extended.ok) {
        if (extended.reason === 'not_found') throw notFound('No such invite');
        if (extended.reason === 'revoked') throw new ApiError('conflict', 'This invite is revoked; make a new invite instead');
        throw new ApiError('conflict', 'Choose a time later than now and later than the invite’s current end');
      }
      return inviteView(deps, orgId, extended.value);
    },
  }),
  route({
    method: 'post',
    path: '/api/assessments/:assessmentId/invites/import',
    summary: 'Invites many candidates from a CSV (name, contact, language, extraMinutes): a preview with row-level problems (dryRun), then the valid new rows in one transaction; rows imported before are not invited twice',
    tag: 'invites',
    access: 'staff',
    roles: ROLES_FOR.writeInvites,
    params: assessmentParams,
    body: importInvitesBodySchema,
    errors: { 413: 'The new rows would take the assessment past KODBRO_INVITES_PER_ASSESSMENT invites (quota_exceeded); nothing is created' },
    status: 200,
    response: importResultSchema,
    async handler({ deps, staff, params, body }) {
      const orgId = staff.user.orgId;
      await assessmentOf(deps.store, orgId, params.assessmentId);
      const parsed = parseInviteCsv(body.csv);
      const issues = [...parsed.fileIssues, ...parsed.rows.flatMap((row) => row.issues)];
      const rows = classify(parsed.rows, await deps.store.listInviteImportKeys(orgId, params.assessmentId));
      if (body.dryRun) return { dryRun: true, rows, issues, created: 0 };

      const toCreate = parsed.rows.filter((_, index) => rows[index]?.status === 'new');
      const imported = await deps.store.importInvites(
        orgId,
        params.assessmentId,
        toCreate.map((row) => ({
          importKey: row.importKey,
          candidateName: row.candidateName,
          contact: row.contact,
          preferredLanguage: row.preferredLanguage,
          extraMinutes: row.extraMinutes ?? 0,
        })),
      );
      if (!imported.ok && imported.reason === 'full') throw invitesFull(deps.config.quotas.invitesPerAssessment);
      if (!imported.ok) throw notFound('No such assessment');
      const { created, existing } = imported.value;
      const keyOf = new Map(parsed.rows.map((row) => [row.row, row.importKey]));
      const done = rows.map((row): ImportRow => {
        if (row.status !== 'new') return row;
        const key = keyOf.get(row.row) ?? '';
        const invite = created.get(key);
        // `existing`: another import of the same rows committed between the preview read and this write.
        if (!invite || existing.has(key)) return { ...row, status: 'already_invited' };
        return { ...row, status: 'created', inviteId: invite.invite.id };
      });
      return { dryRun: false, rows: done, issues, created: created.size };
    },
  }),
  route({
    method: 'get',
    path: '/api/assessments/:assessmentId/sheet',
    summary: 'The printable sheet: each live invite’s name, short code and link',
    tag: 'invites',
    access: 'staff',
    roles: ROLES_FOR.writeInvites,
    params: assessmentParams,
    status: 200,
    response: sheetSchema,
    async handler({ deps, staff, params }) {
      const orgId = staff.user.orgId;
      const assessment = await assessmentOf(deps.store, orgId, params.assessmentId);
      const [invites, tokens] = await Promise.all([deps.store.listInvites(orgId, params.assessmentId), deps.store.listInviteTokens(orgId, params.assessmentId)]);
      const masks = await loadMasks(deps.store, orgId, assessment, invites);
      const live = invites.filter((invite) => !invite.revokedAt).map((invite) => shownInvite(invite, masks.get(invite.id)!));
      return {
        assessmentTitle: assessment.title,
        codeUrl: `${deps.config.publicUrl}/`,
        slips: live.flatMap((invite) => {
          const token = tokens.get(invite.id);
          if (token === undefined) return [];
          return [
            {
              inviteId: invite.id,
              candidateName: invite.candidateName,
              shortCode: invite.shortCode,
              url: inviteLink(deps.config.publicUrl, token),
              preferredLanguage: inviteLanguage(invite.preferredLanguage),
            },
          ];
        }),
        missing: live.filter((invite) => !tokens.has(invite.id)).map((invite) => ({ inviteId: invite.id, candidateName: invite.candidateName })),
      };
    },
  }),
];
