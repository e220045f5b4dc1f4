import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { originPolicy } from '../auth/index.ts';
import { configFromEnv } from '../config/index.ts';
import { API_ERROR_CODES, errorBodySchema } from '../contracts/index.ts';
import { ERROR_CODES, KodbroError, type ErrorCode } from '../errors.ts';
import { createHttpApp } from './app.ts';
import type { AppDeps } from './deps.ts';
import { ApiError, ERROR_STATUS, publicCode, toErrorResponse } from './errors.ts';
import { route, type RouteDef } from './route.ts';

describe('the error table', () => {
  it('gives every engine code and every API code a 4xx or 5xx status', () => {
    for (const code of [...ERROR_CODES, ...API_ERROR_CODES]) {
      expect(ERROR_STATUS[code], code).toBeGreaterThanOrEqual(400);
      expect(ERROR_STATUS[code], code).toBeLessThan(600);
    }
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...new Set([...ERROR_CODES, ...API_ERROR_CODES])].sort());
  });

  it("names every engine code with an API code of the same status (5xx as they are: the client learns only that it was us)", () => {
    for (const code of ERROR_CODES) {
      const shown = publicCode(code);
      expect(API_ERROR_CODES, code).toContain(shown);
      if (ERROR_STATUS[code] < 500) expect(ERROR_STATUS[shown], `${code} → ${shown}`).toBe(ERROR_STATUS[code]);
    }
  });

  it('maps the store’s refusals to 4xx, not 500', () => {
    const cases: [ErrorCode, number, string][] = [
      ['not_found', 404, 'not_found'],
      ['invalid_argument', 400, 'invalid_request'],
      ['package_too_large', 413, 'package_too_large'],
      ['language_unknown', 422, 'language_not_allowed'],
      ['source_too_large', 413, 'payload_too_large'],
    ];
    for (const [code, status, shown] of cases) {
      const { status: got, body } = toErrorResponse(new KodbroError(code, `about ${code}`), 'r1');
      expect(got, code).toBe(status);
      expect(body).toEqual({ error: { code: shown, message: `about ${code}` } });
    }
  });

  it('never shows the inside of a 5xx', () => {
    for (const error of [new KodbroError('sandbox_failed', 'docker exec /var/lib/secret failed'), new Error('SQLITE_CORRUPT at /data/kodbro.sqlite'), 'a string']) {
      const { status, body } = toErrorResponse(error, 'req-42');
      expect(status).toBe(500);
      expect(body.error.code).toBe('internal');
      expect(body.error.message).toMatch(/request req-42/);
      expect(JSON.stringify(body)).not.toMatch(/secret|SQLITE|\/data/);
    }
    expect(toErrorResponse(new KodbroError('docker_unavailable', 'socket /var/run/docker.sock'), 'r')).toMatchObject({ status: 503, body: { error: { code: 'unavailable' } } });
  });

  it('ApiError takes its status from the table', () => {
    expect(new ApiError('host_not_allowed', 'x').status).toBe(421);
    expect(new ApiError('request_timeout', 'x').status).toBe(408);
    expect(toErrorResponse(new ApiError('conflict', 'taken', { why: 1 }), 'r')).toEqual({ status: 409, body: { error: { code: 'conflict', message: 'taken', details: { why: 1 } } } });
  });

  it("names express parsers' errors by their status", () => {
    expect(toErrorResponse(Object.assign(new Error('x'), { status: 413, type: 'entity.too.large' }), 'r').status).toBe(413);
    expect(toErrorResponse(Object.assign(new Error('x'), { status: 400, type: 'entity.parse.failed' }), 'r').body.error).toEqual({ code: 'invalid_request', message: 'The request body is not valid JSON' });
    expect(toErrorResponse(Object.assign(new Error('x'), { status: 418 }), 'r')).toMatchObject({ status: 400, body: { error: { code: 'invalid_request' } } });
  });
});

describe('a handler that throws, through the real express app', () => {
  let url = '';
  let close: () => Promise<void> = async () => {};

  beforeAll(async () => {
    const config = configFromEnv({ PORT: '0', KODBRO_LOG_LEVEL: 'silent' });
    const thrower = (path: string, error: () => unknown): RouteDef =>
      route({ method: 'get', path, summary: 'throws', tag: 'test', access: 'public', status: 200, response: z.object({}), handler: async () => {
        throw error();
      } });
    const routes = [
      thrower('/api/test/store-not-found', () => new KodbroError('not_found', 'No such thing in the store')),
      thrower('/api/test/store-invalid', () => new KodbroError('invalid_argument', 'A slug must be lower-case')),
      thrower('/api/test/bug', () => new TypeError('cannot read properties of undefined')),
    ];
    const deps = { config, origin: originPolicy(() => config.publicUrl), logger: pino({ level: 'silent' }) } as unknown as AppDeps;
    const server = createServer(createHttpApp(deps, routes));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    config.publicUrl = `http://127.0.0.1:${port}`;
    url = config.publicUrl;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close());

  const get = async (path: string) => {
    const response = await fetch(`${url}${path}`);
    return { status: response.status, body: errorBodySchema.parse(await response.json()) };
  };

  it('a KodbroError not_found answers 404 with its code; invalid_argument 400; a bug 500', async () => {
    expect(await get('/api/test/store-not-found')).toEqual({ status: 404, body: { error: { code: 'not_found', message: 'No such thing in the store' } } });
    expect(await get('/api/test/store-invalid')).toEqual({ status: 400, body: { error: { code: 'invalid_request', message: 'A slug must be lower-case' } } });
    const bug = await get('/api/test/bug');
    expect(bug.status).toBe(500);
    expect(bug.body.error.code).toBe('internal');
    expect(bug.body.error.message).not.toContain('undefined');
  });
});
