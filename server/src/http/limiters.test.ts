/**
 * The limiters on the shared store: two "processes" (two express apps, each
 * on its own connection to one SQLite file) count the same hits, and the
 * answers keep their status, headers and body.
 */
import express from 'express';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../store/index.ts';
import { inviteLimiter, loginLimiter } from './limiters.ts';

let dir: string;
let stores: SqliteStore[];
let servers: Server[];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kodbro-limiters-'));
  stores = [new SqliteStore({ dataDir: dir }), new SqliteStore({ dataDir: dir })];
  servers = [];
});
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  for (const store of stores) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function serve(app: express.Express): Promise<string> {
  const server = createServer(app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The same limited route on both connections; the handler answers `status`. */
async function pair(limiter: (store: SqliteStore) => express.RequestHandler, status: (body: unknown) => number): Promise<string[]> {
  return Promise.all(
    stores.map((store) => {
      const app = express();
      app.use(express.json());
      app.post('/try', limiter(store), (req, res) => void res.status(status(req.body)).json({ ok: true }));
      return serve(app);
    }),
  );
}

const post = (base: string, body: unknown) => fetch(`${base}/try`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('limiters on the shared store', () => {
  it('counts sign-in tries of every process together, per e-mail address, with the same 429 and headers', async () => {
    const [a, b] = await pair((store) => loginLimiter(store, 3, 'login:'), () => 401);
    for (const base of [a!, b!, a!]) expect((await post(base, { email: 'Ann@example.org' })).status).toBe(401);
    const limited = await post(b!, { email: 'ann@example.org ' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('ratelimit-policy')).toMatch(/^"3-in-15min"; q=3; w=900; pk=:/);
    expect(limited.headers.get('ratelimit')).toMatch(/^"3-in-15min"; r=0; t=\d+/);
    const body = (await limited.json()) as { error: { code: string; message: string; details: { retryAfterSeconds: number } } };
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toMatch(/sign-in attempts/);
    expect(body.error.details.retryAfterSeconds).toBeGreaterThan(890);
    expect(body.error.details.retryAfterSeconds).toBeLessThanOrEqual(900);
    // Another e-mail address from the same client has its own count.
    expect((await post(a!, { email: 'bo@example.org' })).status).toBe(401);
  });

  it('does not count invite codes that work (skipSuccessfulRequests), on any process', async () => {
    const [a, b] = await pair((store) => inviteLimiter(store, 2, 'code:'), (body) => ((body as { good?: boolean }).good ? 200 : 404));
    for (let i = 0; i < 5; i++) expect((await post(i % 2 === 0 ? a! : b!, { good: true })).status).toBe(200);
    expect((await post(a!, { good: false })).status).toBe(404);
    expect((await post(b!, { good: false })).status).toBe(404);
    const limited = await post(a!, { good: true });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { message: string } }).error.message).toMatch(/invite codes/);
  });
});
