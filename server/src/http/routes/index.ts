import type { RouteDef } from '../route.ts';
import { assessmentRoutes } from './assessments.ts';
import { authRoutes } from './auth.ts';
import { candidateRoutes } from './candidate.ts';
import { challengeRoutes } from './challenges.ts';
import { healthRoutes } from './health.ts';
import { libraryRoutes } from './library.ts';
import { staffRoutes } from './staff.ts';
import { statementFileRoutes } from './statement-files.ts';

/** Every API route; the OpenAPI document and the route tests read this list. */
export const API_ROUTES: RouteDef[] = [...healthRoutes, ...authRoutes, ...staffRoutes, ...challengeRoutes, ...libraryRoutes, ...assessmentRoutes, ...candidateRoutes, ...statementFileRoutes];

export { KODBRO_VERSION } from './health.ts';
