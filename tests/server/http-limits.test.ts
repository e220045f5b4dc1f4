/**
 * The HTTP server's own limits through raw TCP on loopback: headers that
 * trickle, bodies that trickle (to a JSON route and to the package upload),
 * connections beyond the cap, and the legitimate traffic that must keep
 * working meanwhile (a steady upload, socket.io over WebSocket and long-polling).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_LIMITS } from '../../server/src/http/server-limits.ts';
import { REPO_ROOT } from '../support/sandbox.ts';
import { ApiClient, connected, emitWithAck, packageTarGz, startTestServer, type TestServer } from '../support/server.ts';

const MAX_CONNECTIONS = 24;
const SUM_DIR = path.join(REPO_ROOT, 'tests/fixtures/packages/sum');

let server: TestServer;
let admin: ApiClient;
let port: number;
let hostHeader: string;

beforeAll(async () => {
  server = await startTestServer({ KODBRO_MAX_CONNECTIONS: String(MAX_CONNECTIONS), KODBRO_WORKERS: '0' });
  port = Number(new URL(server.url).port);
  hostHeader = `127.0.0.1:${port}`;
  admin = new ApiClient(server.url);
  await admin.login();
}, 120_000);
afterAll(async () => server?.stop());

interface RawConnection {
  socket: net.Socket;
  /** Everything the server sent so far. */
  received(): string;
  /** Milliseconds from connecting until the server closed the connection; fails after 30 s rather than hang. */
  closed: Promise<number>;
}

const GIVE_UP_MS = 30_000;

function rawConnection(): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    const started = Date.now();
    const closed = new Promise<number>((done, fail) => {
      const giveUp = setTimeout(() => {
        fail(new Error(`the server kept the connection open for ${GIVE_UP_MS} ms`));
        socket.destroy();
      }, GIVE_UP_MS);
      socket.on('close', () => {
        clearTimeout(giveUp);
        done(Date.now() - started);
      });
    });
    // Not every test awaits it (the cap test races it).
    closed.catch(() => {});
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', () => {});
    socket.once('connect', () => resolve({ socket, received: () => text, closed }));
    socket.once('error', reject);
  });
}

/** Writes `chunk` every `everyMs` until the connection closes; returns how many were written. */
function trickle(connection: RawConnection, chunk: string, everyMs: number): () => number {
  let written = 0;
  const timer = setInterval(() => {
    if (connection.socket.destroyed) return clearInterval(timer);
    connection.socket.write(chunk);
    written++;
  }, everyMs);
  connection.closed.finally(() => clearInterval(timer)).catch(() => {});
  return () => written;
}

const cookieHeader = (client: ApiClient) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

/** The JSON body of a raw HTTP/1.1 answer (chunked or not). */
function jsonOf(answer: string): any {
  const body = answer.slice(answer.indexOf('\r\n\r\n') + 4);
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}');
  return JSON.parse(body.slice(start, end + 1));
}

function socketFor(client: ApiClient, transports: ('websocket' | 'polling')[]): Socket {
  return ioClient(server.url, {
    transports,
    reconnection: false,
    forceNew: true,
    auth: { csrfToken: client.csrfToken },
    extraHeaders: { cookie: cookieHeader(client) },
  });
}

describe('slow clients are cut off within seconds', () => {
  it('headers that trickle in are cut at headersTimeout with 408, while socket.io (WebSocket and long-polling) stays connected', async () => {
    const assessmentId = (await admin.get('/api/assessments')).body.assessments[0].id as string;
    const websocket = socketFor(admin, ['websocket']);
    const polling = socketFor(admin, ['polling']);
    await Promise.all([connected(websocket), connected(polling)]);

    const connection = await rawConnection();
    connection.socket.write(`GET /api/health HTTP/1.1\r\nHost: ${hostHeader}\r\n`);
    const lines = trickle(connection, 'X-Slow: 1\r\n', 2000);
    const closedAfter = await connection.closed;
    expect(connection.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfter).toBeGreaterThan(SERVER_LIMITS.headersTimeoutMs - 1000);
    expect(closedAfter).toBeLessThan(SERVER_LIMITS.headersTimeoutMs + 3000);
    expect(lines()).toBeGreaterThanOrEqual(4);

    // Longer than every timeout above, and both transports still answer.
    for (const socket of [websocket, polling]) {
      expect(socket.connected).toBe(true);
      expect(await emitWithAck(socket, 'assessment:watch', { assessmentId })).toMatchObject({ ok: true });
      socket.close();
    }
  });

  it('a connection that sends nothing at all is closed too', async () => {
    const connection = await rawConnection();
    const closedAfter = await connection.closed;
    expect(connection.received()).toBe('');
    expect(closedAfter).toBeLessThan(SERVER_LIMITS.headersTimeoutMs + 3000);
  });

  it('a JSON body sent a byte every 2 s is cut within 10 s with 408 request_timeout and the socket closed', async () => {
    const connection = await rawConnection();
    connection.socket.write(`POST /api/auth/login HTTP/1.1\r\nHost: ${hostHeader}\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{`);
    trickle(connection, ' ', 2000);
    const closedAfter = await connection.closed;
    expect(closedAfter).toBeLessThan(10_000);
    expect(connection.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(jsonOf(connection.received())).toEqual({ error: { code: 'request_timeout', message: expect.any(String) } });
  });

  it('a package upload sent a byte every 2 s by a signed-in author is cut within 10 s the same way', async () => {
    const connection = await rawConnection();
    connection.socket.write(
      `POST /api/challenges HTTP/1.1\r\nHost: ${hostHeader}\r\nCookie: ${cookieHeader(admin)}\r\nX-CSRF-Token: ${admin.csrfToken}\r\n` +
        `Content-Type: application/gzip\r\nContent-Length: ${1024 * 1024}\r\n\r\n\x1f`,
    );
    trickle(connection, '\x00', 2000);
    const closedAfter = await connection.closed;
    expect(closedAfter).toBeLessThan(10_000);
    expect(connection.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(jsonOf(connection.received()).error.code).toBe('request_timeout');
    // Nothing was published by the half upload, and it holds no upload slot: the author publishes at once.
    expect((await admin.get('/api/challenges')).body.challenges.map((c: { slug: string }) => c.slug)).not.toContain('sum');
    const again = await admin.request('POST', '/api/challenges', { rawBody: await packageTarGz(SUM_DIR), contentType: 'application/gzip' });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
  });

  it("socket.io's long-polling bodies are watched too", async () => {
    const handshake = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
    const sid = /"sid":"([^"]+)"/.exec(await handshake.text())?.[1];
    expect(sid).toBeDefined();
    const connection = await rawConnection();
    connection.socket.write(`POST /socket.io/?EIO=4&transport=polling&sid=${sid} HTTP/1.1\r\nHost: ${hostHeader}\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: 200\r\n\r\n4`);
    trickle(connection, '0', 2000);
    const closedAfter = await connection.closed;
    expect(closedAfter).toBeLessThan(10_000);
    expect(connection.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('a refusal sent early does not let the rest of a trickling body hold the connection', async () => {
    const connection = await rawConnection();
    // No cookie: 401 at once, then the body keeps trickling.
    connection.socket.write(`POST /api/challenges HTTP/1.1\r\nHost: ${hostHeader}\r\nContent-Type: application/gzip\r\nContent-Length: 100000\r\n\r\n\x1f`);
    trickle(connection, '\x00', 2000);
    const closedAfter = await connection.closed;
    expect(connection.received()).toMatch(/^HTTP\/1\.1 401 /);
    expect(closedAfter).toBeLessThan(10_000);
  });
});

describe('legitimate traffic passes', () => {
  it('a package upload at a steady ~150 KB/s for over 10 s is published', async () => {
    // A real package with an incompressible file inside, so the archive is about 1.5 MB.
    const archive = await packageTarGz(SUM_DIR, [{ name: 'notes/padding.txt', content: randomBytes(1_500_000).toString('base64') }]);
    expect(archive.length).toBeGreaterThan(1_400_000);
    const chunk = 15_000;
    const started = Date.now();
    const answer = await new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/challenges',
          headers: { 'content-type': 'application/gzip', 'content-length': archive.length, cookie: cookieHeader(admin), 'x-csrf-token': admin.csrfToken! },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      let offset = 0;
      const timer = setInterval(() => {
        req.write(archive.subarray(offset, offset + chunk));
        offset += chunk;
        if (offset >= archive.length) {
          clearInterval(timer);
          req.end();
        }
      }, 100);
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(Date.now() - started).toBeGreaterThan(9000);
    expect(answer.body.challenge.slug).toBe('sum');
  });
});

describe('the connection cap', () => {
  it('refuses connections beyond the cap at once, and /api/health answers again as soon as they go', async () => {
    const open: RawConnection[] = [];
    for (let i = 0; i < MAX_CONNECTIONS + 6; i++) open.push(await rawConnection());
    // Refused connections are closed by the server right away, without a byte.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const isClosed = async (c: RawConnection) => Promise.race([c.closed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10))]);
    const states = await Promise.all(open.map(isClosed));
    const refused = states.filter(Boolean).length;
    expect(refused).toBeGreaterThanOrEqual(6);
    expect(states.length - refused).toBeLessThanOrEqual(MAX_CONNECTIONS);
    for (const [index, c] of open.entries()) if (states[index]) expect(c.received()).toBe('');

    // Full: one more is dropped too.
    const extra = await rawConnection();
    extra.socket.write(`GET /api/health HTTP/1.1\r\nHost: ${hostHeader}\r\n\r\n`);
    expect(await extra.closed).toBeLessThan(2000);
    expect(extra.received()).toBe('');

    for (const c of open) c.socket.destroy();
    await Promise.all(open.map((c) => c.closed));
    const started = Date.now();
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
