import { z } from 'zod';
import { hashPassword, ROLES_FOR } from '../../auth/index.ts';
import { createStaffBodySchema, idSchema, staffListSchema, staffUserViewSchema, updateStaffRolesBodySchema } from '../../contracts/index.ts';
import { toStaffUserView } from '../../views/index.ts';
import { ApiError, notFound } from '../errors.ts';
import { route } from '../route.ts';

export const staffRoutes = [
  route({
    method: 'get',
    path: '/api/staff',
    summary: "The organisation's staff",
    tag: 'staff',
    access: 'staff',
    roles: ROLES_FOR.manageStaff,
    status: 200,
    response: staffListSchema,
    async handler({ deps, staff }) {
      const users = await deps.store.listStaffUsers(staff.user.orgId);
      return { staff: users.map(toStaffUserView) };
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
    summary: "The admin changes a colleague's author and recruiter roles; open sessions lose what the roles no longer allow within seconds",
    tag: 'staff',
    access: 'staff',
    roles: ROLES_FOR.manageStaff,
    params: z.strictObject({ userId: idSchema }),
    body: updateStaffRolesBodySchema,
    status: 200,
    response: staffUserViewSchema,
    async handler({ deps, staff, params, body }) {
      const orgId = staff.user.orgId;
      const current = await deps.store.getStaffUser(orgId, params.userId);
      if (!current) throw notFound('No such colleague');
      // The admin role is not handed over here: an organisation keeps its one admin.
      const updated = await deps.store.updateStaffRoles(orgId, params.userId, { ...body.roles, admin: current.roles.admin });
      if (!updated.ok) throw updated.reason === 'not_found' ? notFound('No such colleague') : new ApiError('conflict', 'The organisation has its admin already');
      return toStaffUserView(updated.value);
    },
  }),
];
