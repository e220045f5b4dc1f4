import { z } from 'zod';
import { ROLES_FOR } from '../../auth/index.ts';
import { assessmentChangeListSchema, assessmentViewSchema, duplicateAssessmentBodySchema, idSchema } from '../../contracts/index.ts';
import { toAssessmentChangeView, toAssessmentView } from '../../views/index.ts';
import { notFound } from '../errors.ts';
import { route } from '../route.ts';
import { actorOf } from './assessments.ts';

const assessmentParams = z.strictObject({ assessmentId: idSchema });

/** Copying an assessment for the next round, and reading its change record. */
export const assessmentEditingRoutes = [
  route({
    method: 'post',
    path: '/api/assessments/:assessmentId/duplicate',
    summary: 'Copies an assessment for the next round: the same challenge versions and settings, a new title and window, no invites',
    tag: 'assessments',
    access: 'staff',
    roles: ROLES_FOR.writeAssessments,
    params: assessmentParams,
    body: duplicateAssessmentBodySchema,
    status: 201,
    response: assessmentViewSchema,
    async handler({ deps, staff, params, body }) {
      const copy = await deps.store.duplicateAssessment(
        staff.user.orgId,
        params.assessmentId,
        { title: body.title, opensAt: new Date(body.opensAt), closesAt: new Date(body.closesAt) },
        actorOf(staff),
      );
      if (!copy) throw notFound('No such assessment');
      return toAssessmentView(copy);
    },
  }),
  route({
    method: 'get',
    path: '/api/assessments/:assessmentId/changes',
    summary: "An assessment's change record, oldest first: who changed what, and when",
    tag: 'assessments',
    access: 'staff',
    roles: ROLES_FOR.readAssessments,
    params: assessmentParams,
    status: 200,
    response: assessmentChangeListSchema,
    async handler({ deps, staff, params }) {
      const changes = await deps.store.listAssessmentChanges(staff.user.orgId, params.assessmentId);
      if (!changes) throw notFound('No such assessment');
      return { changes: changes.map(toAssessmentChangeView) };
    },
  }),
];
