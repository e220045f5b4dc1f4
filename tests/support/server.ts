import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, readFile, readlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { io as ioClient, type Socket } from 'socket.io-client';
import { pack } from 'tar-stream';
import { expect } from 'vitest';
import { startServer, type RunningServer, type StartOptions } from '../../server/src/app/server.ts';
import { configFromEnv } from '../../server/src/config/index.ts';
import { nodeArgsFor } from '../../server/bin/built.js';
import { REPO_ROOT } from './sandbox.ts';
import { databaseUrlOf, dropStore, storeEnv } from './store-kind.ts';

/**
 * A real Kodbro server for tests: its own store (a SQLite file in a fresh
 * temporary folder, or under `server-pg` a fresh PostgreSQL database, see
 * store-kind.ts), a random loopback port, the real Docker engine and the demo seed.
 * `startTestServer` runs it in this process; `spawnServer` as a child process
 * (for killing it).
 */
export interface TestServer {
  url: string;
  dataDir: string;
  server: RunningServer;
  stop(): Promise<void>;
}

export const DEMO_EMAIL = 'demo@kodbro.example';
export const DEMO_PASSWORD = 'kodbro-demo-test-password';

/** The environment of a test server on `dataDir` (and its database, once `storeEnv` made one). */
export function testEnv(dataDir: string, env: Record<string, string> = {}): Record<string, string> {
  const databaseUrl = databaseUrlOf(dataDir);
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    KODBRO_DATA_DIR: dataDir,
    ...(databaseUrl ? { KODBRO_DATABASE_URL: databaseUrl } : {}),
    KODBRO_DEMO_PASSWORD: DEMO_PASSWORD,
    // The finished demo round queues submissions at start: only the tests of the demo ask for it.
    KODBRO_DEMO_RESULTS: '0',
    KODBRO_LOG_LEVEL: 'silent',
    KODBRO_WORKERS: '2',
    // Warm boxes outlive judgements by design; tests that count a server's containers ask for them
    // where they test them (tests/server/warm-boxes.test.ts).
    KODBRO_WARM_BOXES: '0',
    // Tests sign in and run a lot from one address.
    KODBRO_LOGIN_LIMIT: '1000',
    KODBRO_CODE_LIMIT: '1000',
    KODBRO_RESULT_READ_LIMIT: '1000',
    KODBRO_RUNS_PER_MINUTE: '1000',
    ...env,
  };
}

/** `start`: a clock the test moves (time running out) and how often deadlines are swept. */
export async function startTestServer(
  env: Record<string, string> = {},
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kodbro-test-')),
  start: Omit<StartOptions, 'logger'> = {},
): Promise<TestServer> {
  const config = configFromEnv(testEnv(dataDir, { ...(await storeEnv(dataDir)), ...env }));
  const server = await startServer(config, { ...start, logger: pino({ level: env.KODBRO_LOG_LEVEL ?? 'silent' }) });
  return {
    url: server.url,
    dataDir,
    server,
    async stop() {
      await server.close();
      await dropStore(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface SpawnedServer {
  url: string;
  child: ChildProcess;
  /** Everything the process printed. */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

/**
 * The server's main (compiled when server/dist is fresh, as after scripts/build.sh: a second and a second of
 * CPU less per start than through tsx) with the test environment; resolves once it printed its URL.
 * On PostgreSQL its database outlives the process (a restart on `dataDir` finds it) and is dropped when the file is done.
 */
export async function spawnServer(
  dataDir: string,
  env: Record<string, string> = {},
  /** Sent in the same callback that reads the banner, as early as anyone could who reads it. */
  options: { signalOnBanner?: NodeJS.Signals } = {},
): Promise<SpawnedServer> {
  const store = await storeEnv(dataDir);
  const child = spawn(process.execPath, nodeArgsFor('app/main'), {
    cwd: REPO_ROOT,
    env: { ...process.env, ...testEnv(dataDir, { ...store, ...env }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start in 60 s:\n${output}`)), 60_000);
    const check = () => {
      const match = /Kodbro is running at\s+(\S+)/.exec(output);
      if (match?.[1]) {
        child.stdout?.off('data', check);
        if (options.signalOnBanner) child.kill(options.signalOnBanner);
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with ${code}:\n${output}`));
    });
  });
  return { url, child, output: () => output, exited };
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A browser-like API client: keeps its cookies and sends the CSRF token it
 * was given with every write. `raw` options let a test leave either out.
 */
export class ApiClient {
  readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    options: { body?: unknown; rawBody?: Buffer | string; contentType?: string; csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && options.csrf !== false && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    let body: string | Buffer | undefined;
    if (options.rawBody !== undefined) {
      body = options.rawBody;
      headers['content-type'] = options.contentType ?? 'application/octet-stream';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body === undefined ? {} : { body });
  }
  put<T = any>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, { body });
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, { body });
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** Signs in as staff; keeps the cookie and CSRF token. */
  async login(email = DEMO_EMAIL, password = DEMO_PASSWORD): Promise<ApiResponse> {
    const response = await this.post('/api/auth/login', { email, password });
    if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
    this.csrfToken = response.body.csrfToken;
    return response;
  }

  /** Opens an invite as a candidate (token or code); keeps the cookie and CSRF token. */
  async openInvite(entry: { token: string } | { code: string }): Promise<ApiResponse> {
    const response = await this.post('/api/candidate/session', entry);
    if (response.status !== 200) throw new Error(`invite refused: ${response.status} ${JSON.stringify(response.body)}`);
    this.csrfToken = response.body.csrfToken;
    return response;
  }

  /** A socket.io connection with this client's cookies and CSRF token. */
  socket(): Socket {
    return ioClient(this.baseUrl, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: { csrfToken: this.csrfToken },
      extraHeaders: this.cookies.size > 0 ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {},
    });
  }
}

/** Waits for a socket to connect, or rejects with the server's refusal. */
export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
}

/** Emits with an acknowledgement and resolves with the ack's payload. */
export function emitWithAck<T = any>(socket: Socket, event: string, payload: unknown, timeoutMs = 10_000): Promise<T> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
}

export const newId = () => randomUUID();

/** The demo assessment's id and a fresh invite to it, made through the API as the demo author. */
export async function demoInvite(staff: ApiClient, candidateName = 'Test Candidate'): Promise<{ assessmentId: string; token: string; code: string; inviteId: string }> {
  const assessments = await staff.get('/api/assessments');
  const assessment = assessments.body.assessments.find((a: { title: string }) => a.title === 'Demo assessment');
  const created = await staff.post(`/api/assessments/${assessment.id}/invites`, { candidateName });
  if (created.status !== 201) throw new Error(`invite failed: ${JSON.stringify(created.body)}`);
  return { assessmentId: assessment.id, token: created.body.token, code: created.body.invite.shortCode, inviteId: created.body.invite.id };
}

/** Polls a candidate's submission until it is done or failed. */
export async function waitForResult(candidate: ApiClient, submissionId: string, timeoutMs = 60_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await candidate.get(`/api/candidate/submissions/${submissionId}`);
    if (response.body?.status === 'done' || response.body?.status === 'failed') return response.body;
    if (Date.now() > deadline) throw new Error(`submission ${submissionId} not judged in ${timeoutMs} ms: ${JSON.stringify(response.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export const PY_LOG_AGGREGATION = path.join(REPO_ROOT, 'challenges/log-aggregation/solutions/accepted.py');

/** A package folder as the gzip-compressed tar an author uploads; `extra` adds raw entries (e.g. `../evil`). */
export async function packageTarGz(dir: string, extra: { name: string; content: string }[] = []): Promise<Buffer> {
  return tarGz([...(await folderEntries(dir, '')), ...extra]);
}

/** A folder as `tar czf bus-fares.tar.gz bus-fares/` makes it: its entries inside a folder of its name (a Kattis package is named by its folder). */
export async function folderTarGz(dir: string): Promise<Buffer> {
  return tarGz(await folderEntries(dir, `${path.basename(dir)}/`));
}

/** Every file below `dir`, in name order, named from `prefix`; a symbolic link stays a link. */
export async function folderEntries(dir: string, prefix: string): Promise<TarEntry[]> {
  const entries: TarEntry[] = [];
  const walk = async (current: string, at: string): Promise<void> => {
    for (const entry of (await readdir(current, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full, `${at}${entry.name}/`);
      else if (entry.isSymbolicLink()) entries.push({ name: `${at}${entry.name}`, linkname: await readlink(full) });
      else entries.push({ name: `${at}${entry.name}`, content: await readFile(full) });
    }
  };
  await walk(dir, prefix);
  return entries;
}

export interface TarEntry {
  name: string;
  content?: Buffer | string;
  /** Makes the entry a symbolic link to this target (hostile ones included). */
  linkname?: string;
}

/** File (and link) entries as a gzip-compressed tar, names taken as they are (hostile ones included). */
export async function tarGz(entries: TarEntry[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of archive) chunks.push(chunk as Buffer);
  })();
  for (const entry of entries) {
    const header = entry.linkname === undefined ? { name: entry.name, mode: 0o644 } : { name: entry.name, mode: 0o777, type: 'symlink' as const, linkname: entry.linkname };
    await new Promise<void>((resolve, reject) => archive.entry(header, entry.linkname === undefined ? (entry.content ?? '') : '', (error) => (error ? reject(error) : resolve())));
  }
  archive.finalize();
  await collected;
  return gzipSync(Buffer.concat(chunks));
}

/** A refusal as the API promises it: the status, a JSON `{ error: { code, message[, details] } }` and nothing else. */
export function expectApiError(response: ApiResponse, status: number, code: string): void {
  const where = `${status} ${code}: got ${response.status} ${JSON.stringify(response.body)?.slice(0, 300)}`;
  expect(response.status, where).toBe(status);
  expect(response.headers.get('content-type') ?? '', where).toMatch(/^application\/json/);
  expect(Object.keys(response.body ?? {}), where).toEqual(['error']);
  expect(response.body.error.code, where).toBe(code);
  expect(typeof response.body.error.message, where).toBe('string');
  expect(response.body.error.message.length, where).toBeGreaterThan(0);
  for (const key of Object.keys(response.body.error)) expect(['code', 'message', 'details'], where).toContain(key);
}
