/**
 * Bytes on the wire (issue 11): the client's files go out precompressed —
 * brotli when the browser takes it, else gzip, else as they are — with the
 * cache headers each kind of file needs, and API answers over 1 KB are
 * compressed, except those that carry a secret (BREACH). A real server on a
 * client folder that the real build step (client/scripts/compress.mjs)
 * compressed; raw HTTP, so nothing decodes the bytes for us.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/sandbox.ts';
import { ApiClient, demoInvite, startTestServer, type TestServer } from '../support/server.ts';

const run = promisify(execFile);

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request with exactly these headers; the body as it came over the wire. */
function raw(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const BROWSER = 'gzip, deflate, br, zstd';
const IMMUTABLE = 'public, max-age=31536000, immutable';

let clientDir: string;
let server: TestServer;
const files = {
  index: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Kodbro</title>${'<link rel="modulepreload" href="/assets/app-1a2b3c4d.js">'.repeat(8)}</head><body><div id="root"></div></body></html>\n`,
  app: Array.from({ length: 600 }, (_, i) => `export const value${i} = (x) => x * ${i} + "kodbro";`).join('\n'),
  sw: `self.addEventListener('fetch', () => {});\n${'// precache list\n'.repeat(100)}`,
  image: randomBytes(4096),
};

beforeAll(async () => {
  clientDir = mkdtempSync(path.join(os.tmpdir(), 'kodbro-client-'));
  mkdirSync(path.join(clientDir, 'assets'));
  mkdirSync(path.join(clientDir, '.vite'));
  writeFileSync(path.join(clientDir, 'index.html'), files.index);
  writeFileSync(path.join(clientDir, 'assets', 'app-1a2b3c4d.js'), files.app);
  writeFileSync(path.join(clientDir, 'assets', 'photo-9f8e7d6c.png'), files.image);
  writeFileSync(path.join(clientDir, 'sw.js'), files.sw);
  writeFileSync(path.join(clientDir, '.vite', 'manifest.json'), '{"secret":"build internals"}');
  // The build step itself, as `npm run build -w client` runs it after vite.
  await run(process.execPath, [path.join(REPO_ROOT, 'client/scripts/compress.mjs'), clientDir]);
  server = await startTestServer({ KODBRO_CLIENT_DIR: clientDir });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  rmSync(clientDir, { recursive: true, force: true });
});

describe('the build step', () => {
  it('writes a brotli and a gzip copy of each compressible file that decode to it, and none of an image or a dot folder', () => {
    for (const file of ['index.html', 'assets/app-1a2b3c4d.js', 'sw.js']) {
      const plain = readFileSync(path.join(clientDir, file));
      expect(brotliDecompressSync(readFileSync(path.join(clientDir, `${file}.br`)))).toEqual(plain);
      expect(gunzipSync(readFileSync(path.join(clientDir, `${file}.gz`)))).toEqual(plain);
    }
    expect(existsSync(path.join(clientDir, 'assets/photo-9f8e7d6c.png.br'))).toBe(false);
    expect(existsSync(path.join(clientDir, '.vite/manifest.json.br'))).toBe(false);
  });
});

describe('client files on the wire', () => {
  const asset = () => `${server.url}/assets/app-1a2b3c4d.js`;
  const compressed = (suffix: string) => readFileSync(path.join(clientDir, `assets/app-1a2b3c4d.js${suffix}`));

  it('sends brotli bytes to a browser that accepts brotli, cached for a year', async () => {
    const response = await raw(asset(), { 'accept-encoding': BROWSER });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.headers['cache-control']).toBe(IMMUTABLE);
    expect(Number(response.headers['content-length'])).toBe(compressed('.br').length);
    expect(response.body.length).toBeLessThan(files.app.length / 4);
    expect(brotliDecompressSync(response.body).toString('utf8')).toBe(files.app);
  });

  it('sends gzip bytes to a client that takes only gzip', async () => {
    const response = await raw(asset(), { 'accept-encoding': 'gzip' });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(Number(response.headers['content-length'])).toBe(compressed('.gz').length);
    expect(gunzipSync(response.body).toString('utf8')).toBe(files.app);
  });

  it('sends the file as it is without Accept-Encoding, and when brotli and gzip are refused', async () => {
    for (const headers of [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'br;q=0, gzip;q=0' }] as Record<string, string>[]) {
      const response = await raw(asset(), headers);
      expect(response.status).toBe(200);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.headers.vary).toMatch(/accept-encoding/i);
      expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(files.app));
      expect(response.body.toString('utf8')).toBe(files.app);
    }
  });

  it('answers HEAD with the headers of the chosen copy and no body', async () => {
    const response = await raw(asset(), { 'accept-encoding': BROWSER }, 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(Number(response.headers['content-length'])).toBe(compressed('.br').length);
    expect(response.body.length).toBe(0);
  });

  it('sends a file that does not compress as it is, without Vary', async () => {
    const response = await raw(`${server.url}/assets/photo-9f8e7d6c.png`, { 'accept-encoding': BROWSER });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers.vary ?? '').not.toMatch(/accept-encoding/i);
    expect(response.headers['cache-control']).toBe(IMMUTABLE);
    expect(response.body).toEqual(files.image);
  });

  it('makes the browser ask again for index.html (every client route) and the service worker, with an ETag for a 304', async () => {
    for (const url of [`${server.url}/`, `${server.url}/invite/some-token`, `${server.url}/staff/login`]) {
      const page = await raw(url, { 'accept-encoding': BROWSER });
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(page.body).toString('utf8')).toBe(files.index);
      expect(page.headers.etag).toBeTruthy();
      const again = await raw(url, { 'accept-encoding': BROWSER, 'if-none-match': page.headers.etag! });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
    }
    const worker = await raw(`${server.url}/sw.js`, { 'accept-encoding': 'gzip' });
    expect(worker.headers['cache-control']).toBe('no-cache');
    expect(worker.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(worker.headers['content-encoding']).toBe('gzip');
    expect(worker.headers.etag).toBeTruthy();
    expect(gunzipSync(worker.body).toString('utf8')).toBe(files.sw);
  });

  it('answers a missing asset 404 rather than with the page, and never serves a dot folder', async () => {
    const missing = await raw(`${server.url}/assets/gone-00000000.js`, { 'accept-encoding': BROWSER });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^text\/plain/);
    for (const url of [`${server.url}/.vite/manifest.json`, `${server.url}/assets/%2e%2e/.vite/manifest.json`, `${server.url}/%2e%2e/%2e%2e/etc/passwd`]) {
      const response = await raw(url);
      expect(response.body.toString('utf8')).not.toContain('build internals');
      expect(response.body.toString('utf8')).not.toContain('root:');
    }
  });
});

describe('API answers on the wire', () => {
  it('compresses a JSON answer over 1 KB with brotli, or gzip', async () => {
    const brotli = await raw(`${server.url}/api/openapi.json`, { 'accept-encoding': BROWSER });
    expect(brotli.status).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    const document = JSON.parse(brotliDecompressSync(brotli.body).toString('utf8'));
    expect(document.openapi).toMatch(/^3\./);
    expect(brotli.body.length).toBeLessThan(JSON.stringify(document).length / 3);

    const gzip = await raw(`${server.url}/api/openapi.json`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.body).toString('utf8'))).toEqual(document);
    const plain = await raw(`${server.url}/api/openapi.json`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.body.toString('utf8'))).toEqual(document);
  });

  it('leaves a small answer, such as health, as it is and uncached', async () => {
    const health = await raw(`${server.url}/api/health`, { 'accept-encoding': BROWSER });
    expect(health.status).toBe(200);
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(health.headers['cache-control']).toBe('no-store');
  });

  it('never compresses an answer that holds the CSRF token next to text the candidate wrote (BREACH)', async () => {
    const staff = new ApiClient(server.url);
    await staff.login();
    const invite = await demoInvite(staff, 'Breach Test');
    const candidate = new ApiClient(server.url);
    await candidate.openInvite({ token: invite.token });
    const started = await candidate.post('/api/candidate/attempt/start');
    const challengeVersionId = started.body.assessment.challenges[0].challengeVersionId;
    const source = `# ${'guess the token: '.repeat(400)}\n`;
    expect((await candidate.put('/api/candidate/drafts', { challengeVersionId, language: 'python', source, revision: 1 })).status).toBe(200);

    const cookie = [...candidate.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const session = await raw(`${server.url}/api/candidate/session`, { 'accept-encoding': BROWSER, cookie });
    expect(session.status).toBe(200);
    expect(session.body.length).toBeGreaterThan(4096);
    expect(session.headers['content-encoding']).toBeUndefined();
    expect(session.headers['cache-control']).toBe('no-store, no-transform');
    const body = JSON.parse(session.body.toString('utf8'));
    expect(body.csrfToken).toBe(candidate.csrfToken);
    expect(body.attempt.drafts[0].source).toBe(source);

    // The same draft in an answer without a secret (a recruiter's read) is compressed.
    const staffCookie = [...staff.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const attempts = await staff.get(`/api/assessments/${invite.assessmentId}/attempts`);
    const attemptId = attempts.body.attempts.find((a: { inviteId: string }) => a.inviteId === invite.inviteId).id;
    const detail = await raw(`${server.url}/api/attempts/${attemptId}`, { 'accept-encoding': BROWSER, cookie: staffCookie });
    expect(detail.status).toBe(200);
    expect(detail.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(detail.body).toString('utf8')).drafts[0].source).toBe(source);
  });
});
