import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { ZodType } from 'zod';
import { CANDIDATE_COOKIE, csrfMatches, CSRF_HEADER, resolveCandidate, resolveStaff, STAFF_COOKIE, holdsAnyRole, type OriginPolicy } from '../auth/index.ts';
import { serveClient } from './client-files.ts';
import { carriesSecret } from './encoding.ts';
import { MAX_DRAFT_BYTES } from '../contracts/index.ts';
import type { AppDeps } from './deps.ts';
import { ApiError, invalidRequest, toErrorResponse } from './errors.ts';
import { openApiDocument } from './openapi.ts';
import { KODBRO_VERSION, WELL_KNOWN_ALIASES } from './routes/index.ts';
import { isFileReply, isStatusReply, isWrite, requestCookie, type RouteDef } from './route.ts';

/** JSON bodies: a 256 KB source can grow several times when escaped. */
const JSON_LIMIT = '2mb';

/**
 * The express application: security headers, request ids and logs, the API
 * routes (each parsed by its zod schemas, with auth and CSRF checked first),
 * the OpenAPI document, and the built client with an index.html fallback.
 */
export function createHttpApp(deps: AppDeps, routes: RouteDef[]): express.Express {
  const app = express();
  app.set('trust proxy', deps.config.trustProxy);
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const id = randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // Only the method and path: query strings and bodies may hold secrets (invite tokens).
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: redactPath(req.url.split('?')[0] ?? '') }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
      autoLogging: { ignore: (req) => !req.url?.startsWith('/api') },
    }),
  );
  // Before anything else answers: pages and API alike are served only under our own name.
  app.use(servedHostOnly(deps.origin));
  app.use(wellKnownAliases);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Plain http on a LAN address must not be upgraded to https that does not exist.
          upgradeInsecureRequests: deps.config.secureCookies ? [] : null,
          // socket.io's WebSocket to this very origin, and nowhere else ('self' alone misses ws: in older browsers).
          connectSrc: ["'self'", (req) => deps.origin.socketOrigin(req.headers.host)],
        },
      },
      strictTransportSecurity: deps.config.secureCookies,
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  app.use(cookieParser());
  app.use('/api', sameOriginWrites(deps.origin));
  // Challenge drafts carry their tests: a larger cap there only (the parser that runs first reads the body).
  app.use('/api/challenge-drafts', express.json({ limit: MAX_DRAFT_BYTES, strict: true }));
  app.use('/api', express.json({ limit: JSON_LIMIT, strict: true }));
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // Answers over 1 KB, brotli (quality 4) or gzip as the client accepts, off the event loop (zlib's threads);
  // an answer with a secret in it is left alone (carriesSecret).
  app.use('/api', compression({ threshold: 1024 }));

  const document = openApiDocument(routes, KODBRO_VERSION);
  app.get('/api/openapi.json', (_req, res) => res.json(document));
  for (const def of routes) registerRoute(app, deps, def);
  app.use('/api', (_req, _res, next) => next(new ApiError('not_found', 'No such API route')));

  serveClient(app, deps.config.clientDir);

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const { status, body } = toErrorResponse(error, typeof req.id === 'string' || typeof req.id === 'number' ? String(req.id) : '');
    if (status >= 500) req.log?.error({ err: error }, 'request failed');
    if (res.headersSent) return;
    res.status(status).json(body);
  });
  return app;
}

/** A well-known address (the results key) is answered by its API route, with everything /api gets. */
function wellKnownAliases(req: Request, _res: Response, next: NextFunction): void {
  const target = req.method === 'GET' || req.method === 'HEAD' ? WELL_KNOWN_ALIASES.get(req.path) : undefined;
  if (target !== undefined) req.url = target;
  next();
}

/** Invite tokens travel in the path of /invite/…: keep them out of logs. */
const redactPath = (p: string) => p.replace(/^\/invite\/[^/]+/, '/invite/[token]');

/**
 * DNS rebinding: a page on an attacker's name that resolves to this machine
 * is same-origin with itself, not with us, yet its requests would reach this
 * server carrying the attacker's name in `Host`. Only our own names are served.
 */
function servedHostOnly(origin: OriginPolicy): express.RequestHandler {
  return function servedHostOnly(req, _res, next) {
    next(origin.hostAllowed(req.headers.host) ? undefined : new ApiError('host_not_allowed', 'This server does not answer for that host name'));
  };
}

/**
 * Browsers send Origin on cross-site writes: one that is not exactly our
 * origin (scheme, host and port) is refused before any cookie is looked at.
 * The CSRF token is the main defence; this is the second wall.
 */
function sameOriginWrites(origin: OriginPolicy): express.RequestHandler {
  return function sameOriginWrites(req, _res, next) {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    next(origin.originAllowed(req.headers.origin) ? undefined : new ApiError('forbidden', 'Cross-site request refused'));
  };
}

function registerRoute(app: express.Express, deps: AppDeps, def: RouteDef): void {
  const handlers: express.RequestHandler[] = [];
  if (def.before) handlers.push(def.before(deps));
  // Who is asking is settled before an upload is read: an anonymous client must not make the server store 64 MB.
  handlers.push(authenticate(deps, def));
  handlers.push(async (req, res, next) => {
    try {
      const auth = res.locals.auth as Record<string, unknown>;
      const params = parse(def.params, req.params, 'params');
      const query = parse(def.query, req.query, 'query');
      // A raw upload is streamed by its handler.
      const body = def.raw ? undefined : parse(def.body, bodyOrUndefined(req), 'body');
      const reply = await def.handler({ req, res, deps, log: req.log, params, query, body, ...auth } as never);
      if (isFileReply(reply)) {
        res.status(def.status).set(reply.headers).type(reply.contentType);
        if (Buffer.isBuffer(reply.content)) res.send(reply.content);
        // A client that leaves mid-download ends the pipe, which destroys the source (and so frees what it holds).
        else await pipeline(reply.content, res).catch((error: unknown) => req.log.debug({ err: error }, 'a streamed answer ended early'));
        return;
      }
      const { status, body: out } = isStatusReply(reply) ? reply : { status: def.status, body: reply };
      // Parsing the answer too drops any field the contract does not name.
      const answer = def.response.parse(out);
      if (carriesSecret(answer)) res.setHeader('Cache-Control', 'no-store, no-transform');
      res.status(status).json(answer);
    } catch (error) {
      next(error);
    }
  });
  app[def.method](def.path, ...handlers);
}

/** Auth, then CSRF, then roles; the identity goes to the handler through `res.locals.auth`. */
function authenticate(deps: AppDeps, def: RouteDef): express.RequestHandler {
  return (req, res, next) => {
    identify(deps, def, req).then((auth) => {
      res.locals.auth = auth;
      next();
    }, next);
  };
}

async function identify(deps: AppDeps, def: RouteDef, req: Request): Promise<Record<string, unknown>> {
  if (def.access === 'staff') {
    const staff = await resolveStaff(deps.store, requestCookie(req, STAFF_COOKIE));
    if (!staff) throw new ApiError('unauthenticated', 'Sign in first');
    if (isWrite(def.method) && !csrfMatches(staff.session, req.headers[CSRF_HEADER])) throw new ApiError('csrf_failed', 'Missing or wrong CSRF token');
    if (def.roles && !holdsAnyRole(staff.user.roles, def.roles)) throw new ApiError('forbidden', `This needs the ${def.roles.join(' or ')} role`);
    return { staff };
  }
  if (def.access === 'candidate') {
    const candidate = await resolveCandidate(deps.store, requestCookie(req, CANDIDATE_COOKIE));
    if (!candidate) throw new ApiError('unauthenticated', 'Open your invite link or type your code first');
    if (isWrite(def.method) && !csrfMatches(candidate.session, req.headers[CSRF_HEADER])) throw new ApiError('csrf_failed', 'Missing or wrong CSRF token');
    return { candidate };
  }
  return {};
}

/**
 * express.json leaves `{}` when there was no body; an optional body schema
 * should see undefined. A body that is not JSON is refused, not ignored: a
 * route whose body is optional must not run as if nothing had been sent.
 */
function bodyOrUndefined(req: Request): unknown {
  const length = Number(req.headers['content-length'] ?? 0);
  if (!(length > 0 || req.headers['transfer-encoding'])) return undefined;
  if (!req.is('application/json')) throw new ApiError('unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json)');
  return req.body;
}

function parse(schema: unknown, value: unknown, where: 'body' | 'query' | 'params'): unknown {
  if (!schema) return undefined;
  const result = (schema as ZodType).safeParse(value);
  if (!result.success) throw invalidRequest(result.error, where);
  return result.data;
}
