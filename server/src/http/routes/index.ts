import type { RouteDef } from '../route.ts';
import { assessmentEditingRoutes } from './assessment-editing.ts';
import { assessmentRoutes } from './assessments.ts';
import { authRoutes } from './auth.ts';
import { candidateRoutes } from './candidate.ts';
import { challengeRoutes } from './challenges.ts';
import { draftRoutes } from './drafts.ts';
import { explanationRoutes } from './explanations.ts';
import { healthRoutes } from './health.ts';
import { inviteRoutes } from './invites.ts';
import { libraryRoutes } from './library.ts';
import { similarityRoutes } from './similarity.ts';
import { reviewRoutes } from './review.ts';
import { resultRoutes } from './results.ts';
import { staffRoutes } from './staff.ts';
import { statementFileRoutes } from './statement-files.ts';

/**
 * Every API route; the OpenAPI document and the route tests read this list.
 * The invite routes come before the assessments' revoke, so a matrix that
 * calls each route in order re-issues and extends its spare invite before revoking it.
 */
export const API_ROUTES: RouteDef[] = [
  ...healthRoutes,
  ...authRoutes,
  ...staffRoutes,
  ...challengeRoutes,
  ...libraryRoutes,
  ...draftRoutes,
  ...inviteRoutes,
  ...assessmentRoutes,
  ...assessmentEditingRoutes,
  ...similarityRoutes,
  ...reviewRoutes,
  ...candidateRoutes,
  ...explanationRoutes,
  ...statementFileRoutes,
  ...resultRoutes,
];

export { KODBRO_VERSION } from './health.ts';
export { WELL_KNOWN_ALIASES } from './results.ts';
