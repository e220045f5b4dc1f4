import { hashPassword } from '../../auth/index.ts';
import { createStaffBodySchema, staffListSchema, staffUserViewSchema } from '../../contracts/index.ts';
import { toStaffUserView } from '../../views/index.ts';
import { ApiError } from '../errors.ts';
import { route } from '../route.ts';

export const staffRoutes = [
  route({
    method: 'get',
    path: '/api/staff',
    summary: "The organisation's staff",
    tag: 'staff',
    access: 'staff',
    roles: ['admin'],
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
    roles: ['admin'],
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
        if (created.reason === 'email_taken') throw new ApiError('conflict', 'That e-mail address already has an account');
        throw new ApiError('conflict', 'The colleague could not be added');
      }
      return toStaffUserView(created.value);
    },
  }),
];

