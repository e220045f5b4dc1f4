import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { errorBodySchema } from '../contracts/index.ts';
import type { RouteDef } from './route.ts';

/** `/api/x/:id` → `/api/x/{id}`. */
export const openApiPath = (expressPath: string) => expressPath.replace(/:([A-Za-z]+)/g, '{$1}');

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: errorBodySchema } } });

/**
 * The OpenAPI 3.1 document, generated from the same route list and zod
 * schemas that parse requests. `x-kodbro-access` and `x-kodbro-roles` say who
 * may call each operation; the authorisation and fuzz tests read them.
 */
export function openApiDocument(routes: RouteDef[], version: string): object {
  const registry = new OpenAPIRegistry();
  for (const def of routes) {
    const needsAuth = def.access !== 'public';
    const body = def.raw
      ? { description: def.raw.description, content: Object.fromEntries(def.raw.types.map((type) => [type, { schema: z.string().meta({ format: 'binary' }) }])) }
      : def.body
        ? { content: { 'application/json': { schema: def.body as z.ZodType } } }
        : undefined;
    registry.registerPath({
      method: def.method,
      path: openApiPath(def.path),
      summary: def.summary,
      tags: [def.tag],
      request: {
        ...(def.params ? { params: def.params as z.ZodObject } : {}),
        ...(def.query ? { query: def.query as z.ZodObject } : {}),
        ...(body ? { body } : {}),
      },
      responses: {
        [def.status]: { description: 'Success', content: Object.fromEntries((def.produces ?? ['application/json']).map((type) => [type, { schema: def.response }])) },
        400: errorResponse('Invalid request'),
        ...(needsAuth ? { 401: errorResponse('Not signed in'), 403: errorResponse('Not allowed, or a missing CSRF token') } : {}),
        404: errorResponse('Not found'),
        ...(def.method !== 'get' ? { 408: errorResponse('The request body arrived too slowly') } : {}),
        421: errorResponse('The Host header does not name this server'),
        429: errorResponse('Rate limited'),
        ...Object.fromEntries(Object.entries(def.errors ?? {}).map(([status, description]) => [status, errorResponse(description)])),
      },
      ...(needsAuth ? { security: [{ [def.access === 'staff' ? 'staffSession' : 'candidateSession']: [] }] } : {}),
      'x-kodbro-access': def.access,
      ...(def.roles ? { 'x-kodbro-roles': def.roles } : {}),
    });
  }
  registry.registerComponent('securitySchemes', 'staffSession', { type: 'apiKey', in: 'cookie', name: 'kodbro_staff' });
  registry.registerComponent('securitySchemes', 'candidateSession', { type: 'apiKey', in: 'cookie', name: 'kodbro_candidate' });
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Kodbro API',
      version,
      description: 'Writes made with a session cookie must send the session\'s CSRF token in the X-CSRF-Token header.',
    },
    servers: [{ url: '/' }],
  });
}
