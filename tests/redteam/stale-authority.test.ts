/**
 * Catalogue item 34, stale authority: a staff socket after logout, after its
 * session expired and after its user lost the role; a candidate socket after
 * "leave this device"; requests whose `Host` or `Origin` names another site
 * (DNS rebinding, a look-alike origin). Nothing is served to any of them.
 *
 * Every request goes to 127.0.0.1: the foreign names only travel in headers
 * and are never resolved or contacted.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQLITE_FILE_NAME } from '../../server/src/store/index.ts';
import { expectDockerClean } from '../support/sandbox.ts';
import { ApiClient, connected, demoInvite, emitWithAck, expectApiError, startTestServer, type TestServer } from '../support/server.ts';

/** The server re-checks a staff socket's session and roles this often. */
const RECHECK_MS = 5000;
const COLLEAGUE_PASSWORD = 'colleague-password-long';

let server: TestServer;
let admin: ApiClient;
let port: number;
let assessmentId: string;

beforeAll(async () => {
  server = await startTestServer({ KODBRO_WORKERS: '0' });
  port = Number(new URL(server.url).port);
  admin = new ApiClient(server.url);
  await admin.login();
  assessmentId = (await admin.get('/api/assessments')).body.assessments.find((a: { title: string }) => a.title === 'Demo assessment').id;
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await expectDockerClean();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** `promise`, or a failure after `ms`: a defence that does not act fails the test quickly instead of hanging it. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, sleep(ms).then(() => Promise.reject(new Error(`${what}: nothing after ${ms} ms`)))]);
}
const cookieHeader = (client: ApiClient) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

/** A recruiter colleague, signed in on a client of their own. */
async function recruiter(name: string): Promise<{ client: ApiClient; userId: string }> {
  const email = `${name}@kodbro.example`;
  const created = await admin.post('/api/staff', { email, displayName: name, password: COLLEAGUE_PASSWORD, roles: { author: false, recruiter: true } });
  expect(created.status).toBe(201);
  const client = new ApiClient(server.url);
  await client.login(email, COLLEAGUE_PASSWORD);
  return { client, userId: created.body.id };
}

interface Watcher {
  socket: Socket;
  /** Candidate names of every `attempt:changed` heard. */
  heard: string[];
  /** Resolves with the reason when the socket is disconnected. */
  gone: Promise<{ reason: string; at: number }>;
}

async function watcher(client: ApiClient): Promise<Watcher> {
  const socket = ioClient(server.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { csrfToken: client.csrfToken }, extraHeaders: { cookie: cookieHeader(client) } });
  const heard: string[] = [];
  socket.on('attempt:changed', (event: { attempt: { candidateName: string | null } }) => heard.push(event.attempt.candidateName ?? ''));
  const gone = new Promise<{ reason: string; at: number }>((resolve) => socket.on('disconnect', (reason) => resolve({ reason, at: Date.now() })));
  await connected(socket);
  expect(await emitWithAck(socket, 'assessment:watch', { assessmentId })).toMatchObject({ ok: true });
  return { socket, heard, gone };
}

/** A new candidate starts the demo assessment: every watcher with authority hears `attempt:changed` for them. */
async function stir(name: string): Promise<void> {
  const invite = await demoInvite(admin, name);
  const candidate = new ApiClient(server.url);
  await candidate.openInvite({ token: invite.token });
  expect((await candidate.post('/api/candidate/attempt/start')).status).toBe(200);
}

/** The watcher hears a start while it has authority: its later silence means something. */
async function expectHears(w: Watcher, name: string) {
  await stir(name);
  await expect.poll(() => w.heard, { timeout: 5000 }).toContain(name);
}

/** After a stir and a generous wait, nothing of it reached the watcher. */
async function expectDeaf(w: Watcher, name: string) {
  await stir(name);
  await sleep(1500);
  expect(w.heard).not.toContain(name);
}

describe('34. a staff socket keeps no authority its session lost', () => {
  it('logout disconnects the session’s sockets at once; the old cookie cannot connect again', async () => {
    const { client } = await recruiter('watcher-logout');
    const w = await watcher(client);
    await expectHears(w, 'Control Before Logout');
    const cookie = cookieHeader(client);
    const token = client.csrfToken;

    const loggedOut = Date.now();
    expect((await client.post('/api/auth/logout')).status).toBe(200);
    const { reason, at } = await within(w.gone, 3000, 'disconnect after logout');
    expect(reason).toBe('io server disconnect');
    expect(at - loggedOut).toBeLessThan(1000);
    await expectDeaf(w, 'After Logout');

    const again = ioClient(server.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { csrfToken: token }, extraHeaders: { cookie } });
    await expect(connected(again)).rejects.toThrow('unauthenticated');
    again.close();
  });

  it('an expired session’s socket is disconnected within the re-check interval', async () => {
    const { client } = await recruiter('watcher-expiry');
    const w = await watcher(client);
    await expectHears(w, 'Control Before Expiry');

    // Expire the session in the store, as the clock would.
    const idHash = createHash('sha256').update(client.cookies.get('kodbro_staff')!, 'utf8').digest('hex');
    const db = new Database(path.join(server.dataDir, SQLITE_FILE_NAME));
    try {
      db.pragma('busy_timeout = 5000');
      expect(db.prepare('UPDATE sessions SET expires_at = ? WHERE id_hash = ?').run(Date.now() - 1000, idHash).changes).toBe(1);
    } finally {
      db.close();
    }
    const expired = Date.now();
    const { reason, at } = await within(w.gone, RECHECK_MS + 3000, 'disconnect after expiry');
    expect(reason).toBe('io server disconnect');
    expect(at - expired).toBeLessThan(RECHECK_MS + 1500);
    await expectDeaf(w, 'After Expiry');
  });

  it('a user whose roles were taken away hears nothing more within the re-check interval, and may not watch again', async () => {
    const { client, userId } = await recruiter('watcher-roles');
    const w = await watcher(client);
    await expectHears(w, 'Control Before Demotion');

    const changed = await admin.patch(`/api/staff/${userId}`, { roles: { author: false, recruiter: false } });
    expect(changed.status).toBe(200);
    await sleep(RECHECK_MS + 1000);
    await expectDeaf(w, 'After Demotion');
    expect(w.socket.connected).toBe(true);
    const ack = await emitWithAck(w.socket, 'assessment:watch', { assessmentId });
    expect(ack).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    await expectDeaf(w, 'After Trying Again');
    w.socket.close();

    // Given back, the role works again: the refusal above was about the role.
    expect((await admin.patch(`/api/staff/${userId}`, { roles: { author: false, recruiter: true } })).status).toBe(200);
    const back = await watcher(client);
    await expectHears(back, 'Control After Promotion');
    back.socket.close();
  });
});

describe('34. a candidate socket after "leave this device"', () => {
  it('is disconnected at once', async () => {
    const invite = await demoInvite(admin, 'Leaving Lina');
    const candidate = new ApiClient(server.url);
    await candidate.openInvite({ token: invite.token });
    expect((await candidate.post('/api/candidate/attempt/start')).status).toBe(200);
    const socket = candidate.socket();
    const gone = new Promise<{ reason: string; at: number }>((resolve) => socket.on('disconnect', (reason) => resolve({ reason, at: Date.now() })));
    await connected(socket);

    const left = Date.now();
    expect((await candidate.delete('/api/candidate/session')).status).toBe(200);
    const { reason, at } = await within(gone, RECHECK_MS + 3000, 'disconnect after leaving');
    expect(reason).toBe('io server disconnect');
    expect(at - left).toBeLessThan(1000);
    expectApiError(await candidate.get('/api/candidate/session'), 401, 'unauthenticated');
  });
});

/** One request to 127.0.0.1 with the headers given as they are (Host included). */
function rawRequest(method: string, pathname: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string; upgraded: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: pathname, headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, upgraded: false }));
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, headers: res.headers, text: '', upgraded: true });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const OWN = () => `127.0.0.1:${port}`;
const loginBody = JSON.stringify({ email: 'demo@kodbro.example', password: 'wrong-password' });
const wsUpgrade = { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' };

describe('34. DNS rebinding: a Host that is not ours is served nothing', () => {
  it('pages, /api/health, API writes and the socket.io handshake answer 421 (or refuse the handshake) for Host: evil.example', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, `127.0.0.1.evil.example:${port}`]) {
      for (const [method, pathname, body] of [
        ['GET', '/', undefined],
        ['GET', '/staff/login', undefined],
        ['GET', '/api/health', undefined],
        ['GET', '/api/openapi.json', undefined],
        ['POST', '/api/auth/login', loginBody],
        ['POST', '/api/candidate/session', JSON.stringify({ code: 'ABCDEFGH' })],
      ] as const) {
        const response = await rawRequest(method, pathname, { host, 'content-type': 'application/json' }, body);
        expect(response.status, `${host} ${method} ${pathname}`).toBe(421);
        expect(JSON.parse(response.text)).toEqual({ error: { code: 'host_not_allowed', message: expect.any(String) } });
        expect(response.headers['set-cookie']).toBeUndefined();
      }
      const polling = await rawRequest('GET', '/socket.io/?EIO=4&transport=polling', { host });
      expect(polling.status, `${host} polling handshake`).toBe(403);
      expect(polling.text).not.toContain('"sid"');
      const websocket = await rawRequest('GET', '/socket.io/?EIO=4&transport=websocket', { host, ...wsUpgrade });
      expect(websocket.upgraded, `${host} websocket handshake`).toBe(false);
    }
  });

  it('the same requests with our own Host (or another loopback name for the same port) are served', async () => {
    for (const host of [OWN(), `localhost:${port}`]) {
      expect((await rawRequest('GET', '/api/health', { host })).status).toBe(200);
      expect((await rawRequest('POST', '/api/auth/login', { host, 'content-type': 'application/json' }, loginBody)).status).toBe(401);
      const polling = await rawRequest('GET', '/socket.io/?EIO=4&transport=polling', { host });
      expect(polling.status).toBe(200);
      expect(polling.text).toContain('"sid"');
      expect((await rawRequest('GET', '/socket.io/?EIO=4&transport=websocket', { host, ...wsUpgrade })).upgraded).toBe(true);
    }
  });
});

describe('34. an Origin must match scheme, host and port', () => {
  const login = (origin: string) =>
    rawRequest('POST', '/api/auth/login', { host: OWN(), origin, 'content-type': 'application/json' }, JSON.stringify({ email: 'demo@kodbro.example', password: 'kodbro-demo-test-password' }));

  it('HTTP writes from another port or scheme of our own host are refused before any session is made', async () => {
    for (const origin of [`http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`, 'http://127.0.0.1', `http://evil.example:${port}`, 'null']) {
      const response = await login(origin);
      expect(response.status, origin).toBe(403);
      expect(JSON.parse(response.text).error.code).toBe('forbidden');
      expect(response.headers['set-cookie'], origin).toBeUndefined();
    }
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) expect((await login(origin)).status, origin).toBe(200);
  });

  it('the socket.io handshake from another port or scheme is refused', async () => {
    const staff = new ApiClient(server.url);
    await staff.login();
    const attempt = (origin: string) => {
      const socket = ioClient(server.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { csrfToken: staff.csrfToken }, extraHeaders: { cookie: cookieHeader(staff), origin } });
      return connected(socket).then(
        () => (socket.close(), 'connected'),
        () => (socket.close(), 'refused'),
      );
    };
    for (const origin of [`https://127.0.0.1:${port}`, `http://127.0.0.1:${port + 1}`, `http://evil.example:${port}`]) expect(await attempt(origin), origin).toBe('refused');
    expect(await attempt(`http://127.0.0.1:${port}`)).toBe('connected');
  });
});

describe('34. the CSP lets pages connect only to our own origin', () => {
  it('connect-src is self and the ws: form of the very host the page came from, nothing wider', async () => {
    for (const [host, ws] of [
      [OWN(), `ws://127.0.0.1:${port}`],
      [`localhost:${port}`, `ws://localhost:${port}`],
    ] as const) {
      const page = await rawRequest('GET', '/', { host });
      const csp = String(page.headers['content-security-policy']);
      const connectSrc = /connect-src ([^;]*)/.exec(csp)?.[1]?.trim().split(/\s+/);
      expect(connectSrc, csp).toEqual(["'self'", ws]);
    }
  });
});
