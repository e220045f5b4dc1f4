import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { hashPassword, newWelcomeToken, ROLES_FOR, staffWelcomeLink } from '../../auth/index.ts';
import {
  changeColleagueRolesBodySchema,
  colleagueListSchema,
  createStaffBodySchema,
  idSchema,
  inviteColleagueBodySchema,
  invitedColleagueSchema,
  removedColleagueSchema,
  STAFF_WELCOME_DAYS,
  staffUserViewSchema,
} from '../../contracts/index.ts';
import { toStaffUserView } from '../../views/index.ts';
import type { OrgId, Store } from '../../store/index.ts';
import { ApiError, notFound } from '../errors.ts';
import { route } from '../route.ts';

/** Colleagues one organisation may have (pending welcome links count): each is a row, and each invitation an Argon2 hash. */
const MAX_STAFF_PER_ORG = 500;

async function roomForColleague(store: Store, orgId: OrgId): Promise<void> {
  if ((await store.listStaffUsers(orgId)).length >= MAX_STAFF_PER_ORG) {
    throw new ApiError('quota_exceeded', `Your organisation has ${MAX_STAFF_PER_ORG} colleagues, the most it may have: remove someone first`, { limit: MAX_STAFF_PER_ORG });
  }
}

export const staffRoutes = [
  route({
    method: 'get',
    path: '/api/staff',
    summary: "The organisation's staff",
    tag: 'staff',
    access: 'staff',
    roles: ROLES_FOR.manageStaff,
    status: 200,
    response: colleagueListSchema,
    async handler({ deps, staff }) {
      const users = await deps.store.listStaffUsers(staff.user.orgId);
      const pending = await deps.store.pendingStaffWelcomes(staff.user.orgId);
      return { staff: users.map((user) => ({ ...toStaffUserView(user), welcomeUntil: pending.get(user.id)?.toISOString() ?? null })) };
    },
  }),
  route({
    method: 'post',
    path: '/api/staff',
    summary: 'The admin adds a colleague (author, recruiter or both) with a first password',
    tag: 'staff',
    access: 'staff',
    roles: ROLES_FOR.manageStaff,
    body: createStaffBodySchema,
    status: 201,
    response: staffUserViewSchema,
    async handler({ deps, staff, body }) {
      await roomForColleague(deps.store, staff.user.orgId);
      const created = await deps.store.createStaffUser(staff.user.orgId, {
        email: body.email,
        displayName: body.displayName,
        passwordHash: await hashPassword(body.password),
        roles: { ...body.roles, admin: false },
      });
      if (!created.ok) {
        // Accounts are per organisation: only a colleague of the admin's own can be in the way, and the admin sees the staff list anyway.
        if (created.reason === 'email_taken') throw new ApiError('conflict', 'A colleague in your organisation already has that e-mail address');
        throw new ApiError('conflict', 'The colleague could not be added');
      }
      return toStaffUserView(created.value);
    },
  }),
  route({
    method: 'patch',
    path: '/api/staff/:userId',
    summary: "The admin changes a colleague's roles (admin too; the last admin keeps it); open sessions lose what the roles no longer allow within seconds",
    tag: 'staff',
    access: 'staff',
    roles: ROLES_FOR.manageStaff,
    params: z.strictObject({ userId: idSchema }),
    body: changeColleagueRolesBodySchema,
    status: 200,
    response: staffUserViewSchema,
    async handler({ deps, staff, params, body }) {
      const orgId = staff.user.orgId;
      const current = await deps.store.getStaffUser(orgId, params.userId);
      if (!current) throw notFound('No such colleague');
      const updated = await deps.store.updateStaffRoles(orgId, params.userId, { author: body.roles.author, recruiter: body.roles.recruiter, admin: body.roles.admin ?? current.roles.admin });
      if (!updated.ok) throw updated.reason === 'not_found' ? notFound('No such colleague') : lastAdmin('demote');
      return toStaffUserView(updated.value);
    },
  }),
  route({
    method: 'post',
    path: '/api/staff/invitations',
    summary: `The admin invites a colleague with roles; the answer carries their one-time welcome link (set a password within ${STAFF_WELCOME_DAYS} days), shown only now`,
    tag: 'staff',
    access: 'staff',
    roles: ROLES_FOR.manageStaff,
    body: inviteColleagueBodySchema,
    status: 201,
    response: invitedColleagueSchema,
    async handler({ deps, staff, body, log }) {
      await roomForColleague(deps.store, staff.user.orgId);
      const welcome = newWelcomeToken();
      const expiresAt = new Date(deps.clock().getTime() + STAFF_WELCOME_DAYS * 24 * 60 * 60 * 1000);
      // A real Argon2 hash of a secret nobody keeps: until the link is used nothing opens the account, and
      // signing in as an invited address takes as long as any other wrong password.
      const unusable = await hashPassword(randomBytes(32).toString('base64url'));
      const created = await deps.store.inviteStaffUser(
        staff.user.orgId,
        { email: body.email, displayName: body.displayName, passwordHash: unusable, roles: body.roles },
        { tokenHash: welcome.tokenHash, expiresAt },
      );
      if (!created.ok) {
        if (created.reason === 'email_taken') throw new ApiError('conflict', 'A colleague in your organisation already has that e-mail address');
        throw new ApiError('conflict', 'The colleague could not be added');
      }
      log.info({ event: 'staff_invited', userId: created.value.id, by: staff.user.id }, 'colleague invited');
      return { colleague: toStaffUserView(created.value), url: staffWelcomeLink(deps.config.publicUrl, welcome.token), expiresAt: expiresAt.toISOString() };
    },
  }),
  // Last of the staff routes: the authorisation matrix calls routes in order, and this one takes the colleague away.
  route({
    method: 'delete',
    path: '/api/staff/:userId',
    summary: "The admin removes a colleague: their sessions end at once; the organisation's last admin cannot be removed",
    tag: 'staff',
    access: 'staff',
    roles: ROLES_FOR.manageStaff,
    params: z.strictObject({ userId: idSchema }),
    status: 200,
    response: removedColleagueSchema,
    async handler({ deps, staff, params, log }) {
      const removed = await deps.store.removeStaffUser(staff.user.orgId, params.userId);
      if (!removed.ok) throw removed.reason === 'not_found' ? notFound('No such colleague') : lastAdmin('remove');
      for (const idHash of removed.value.endedSessions) deps.live.sessionEnded(idHash);
      log.info({ event: 'staff_removed', userId: removed.value.user.id, by: staff.user.id }, 'colleague removed');
      return { id: removed.value.user.id, roles: removed.value.user.roles };
    },
  }),
];

function lastAdmin(action: 'remove' | 'demote'): ApiError {
  const what = action === 'remove' ? 'removed' : 'lose the admin role';
  return new ApiError('last_admin', `The organisation's last admin cannot be ${what}: make another colleague admin first`);
}
