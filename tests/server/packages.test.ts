/**
 * Packages off the event loop (DESIGN: "Heavy work never runs on the
 * server's event loop"; red team 32 and 33). A maximal package — 5.3 MB that
 * unpacks to 496 MB — is uploaded to a server in its own process, stored,
 * then unpacked and parsed for a candidate's page, while this test asks
 * /api/health every 50 ms: the server's own event loop must never be held
 * 200 ms (the delay it reports on /api/health), every answer must come, 99 in
 * 100 of them within 200 ms, and the server's memory must not stay hundreds
 * of MB larger afterwards. Then, on
 * a server with small limits: an organisation's storage quota, the upload
 * cap while streaming, and one upload per organisation at a time.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/src/auth/index.ts';
import { percentile, pollHealth, postFile, rssMb, uploadHeaders, writeBigPackage } from '../support/uploads.ts';
import { ApiClient, demoInvite, expectApiError, packageTarGz, spawnServer, startTestServer, type SpawnedServer, type TestServer } from '../support/server.ts';
import { REPO_ROOT } from '../support/sandbox.ts';

const MB = 1024 * 1024;
const HEALTH_BOUND_MS = 200;
// An answer as this process sees it also waits on the machine: in CI the server's niced unpacker writes
// 496 MB while this test process and another test file share its 2 cores. One answer in a run once took
// 230 ms there. What the server owes is measured by the server itself (its event loop's delay, above);
// from here, no answer may be lost or take this long.
const ANSWER_CEILING_MS = 1000;

describe('a maximal package, on a server in its own process', () => {
  let dataDir: string;
  let server: SpawnedServer;
  let staff: ApiClient;
  let archive: Buffer;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'kodbro-packages-'));
    const file = path.join(dataDir, '..', `${path.basename(dataDir)}-big.tar.gz`);
    const big = await writeBigPackage(file, { id: 'maximal' });
    archive = readFileSync(file);
    await rm(file);
    expect(big.expandedBytes).toBeGreaterThan(490 * MB);
    server = await spawnServer(dataDir, { KODBRO_WORKERS: '0', KODBRO_LOG_LEVEL: 'warn' });
    staff = new ApiClient(server.url);
    await staff.login();
  }, 120_000);
  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps /api/health answering, its event loop never held 200 ms, while the package uploads, is stored and is unpacked for a candidate, and its memory does not stay larger', async () => {
    const pid = server.child.pid!;
    // Warm up the paths measured, so the first-call costs of the code itself are not counted.
    for (let i = 0; i < 5; i++) await fetch(`${server.url}/api/health`).then((r) => r.arrayBuffer());
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rssBefore = rssMb(pid);

    const polling = pollHealth(server.url);
    const started = performance.now();
    const published = await postFile(server.url, staff, '/api/challenges', archive);
    const publishMs = performance.now() - started;
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(published.body.challenge.slug).toBe('maximal');

    // The first candidate page of the version unpacks and parses it.
    const assessment = await staff.post('/api/assessments', {
      title: 'Maximal',
      timeLimitMinutes: 60,
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 3_600_000).toISOString(),
      resultsVisibility: 'none',
      challengeIds: [published.body.challenge.id],
    });
    expect(assessment.status).toBe(201);
    const invite = await staff.post(`/api/assessments/${assessment.body.id}/invites`, { candidateName: 'Max' });
    const candidate = new ApiClient(server.url);
    await candidate.openInvite({ token: invite.body.token });
    expect((await candidate.post('/api/candidate/attempt/start')).status).toBe(200);
    const loadStarted = performance.now();
    const page = await candidate.get(`/api/candidate/challenges/${published.body.version.id}`);
    const loadMs = performance.now() - loadStarted;
    expect(page.status).toBe(200);
    expect(page.body.title).toEqual({ en: 'Big maximal' });
    const { latencies, serverLoopDelayMs } = await polling.stop();

    await new Promise((resolve) => setTimeout(resolve, 2000));
    const rssAfter = rssMb(pid);
    const max = Math.max(...latencies);
    console.log(
      `maximal package (${(archive.length / MB).toFixed(1)} MB → 496 MB): published in ${(publishMs / 1000).toFixed(1)} s, first candidate page in ${(loadMs / 1000).toFixed(1)} s; ` +
        `/api/health ${latencies.length} answers, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${max.toFixed(1)} ms, the server's event loop held at most ${serverLoopDelayMs} ms; ` +
        `server RSS ${rssBefore.toFixed(0)} MB → ${rssAfter.toFixed(0)} MB`,
    );
    expect(latencies.length).toBeGreaterThan(20);
    expect(serverLoopDelayMs, "the longest delay of the server's event loop").toBeLessThan(HEALTH_BOUND_MS);
    expect(percentile(latencies, 99), `the 99th percentile of ${latencies.length} /api/health answers`).toBeLessThan(HEALTH_BOUND_MS);
    expect(max, `slowest /api/health answer of ${latencies.length}`).toBeLessThan(ANSWER_CEILING_MS);
    expect(rssAfter - rssBefore, 'the server process stayed larger after the package').toBeLessThan(150);
    // Nothing of the upload is left in the server's scratch folder.
    const tmp = path.join(dataDir, 'tmp');
    for (const dir of await readdir(tmp)) expect(await readdir(path.join(tmp, dir))).toEqual([]);
  }, 600_000);
});

describe('quota, upload cap and one upload at a time, on a server with small limits', () => {
  const QUOTA_MB = 64;
  let server: TestServer;
  let x: ApiClient;
  let y: ApiClient;
  let scratch: string;
  const packages: Record<string, Buffer> = {};

  beforeAll(async () => {
    server = await startTestServer({ KODBRO_ORG_STORAGE_MB: String(QUOTA_MB), KODBRO_UPLOAD_MB: '2', KODBRO_WORKERS: '0' });
    x = new ApiClient(server.url);
    await x.login();
    const store = server.server.store;
    const org = await store.createOrganisation({ name: 'Yonder AB', slug: 'yonder' });
    if (!org.ok) throw new Error(org.reason);
    await store.createStaffUser(org.value.id, { email: 'author@yonder.example', displayName: 'Y', passwordHash: await hashPassword('yonder-password-1'), roles: { author: true, recruiter: true, admin: true } });
    y = new ApiClient(server.url);
    await y.login('author@yonder.example', 'yonder-password-1');
    scratch = await mkdtemp(path.join(os.tmpdir(), 'kodbro-quota-'));
    // 30 MB and 40 MB unpacked, under 1 MB each as sent.
    for (const [id, files] of [['thirty', 3], ['forty', 4]] as const) {
      const file = path.join(scratch, `${id}.tar.gz`);
      await writeBigPackage(file, { id, files, fileMb: 10 });
      packages[id] = readFileSync(file);
    }
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await rm(scratch, { recursive: true, force: true });
  });

  const scratchFiles = async () => {
    const tmp = path.join(server.dataDir, 'tmp');
    const found: string[] = [];
    for (const dir of await readdir(tmp)) found.push(...(await readdir(path.join(tmp, dir))));
    return found;
  };

  it('refuses with 413 quota_exceeded a package that takes an organisation past its quota, storing nothing; another organisation still uploads', async () => {
    expect((await postFile(server.url, y, '/api/challenges', packages.thirty!)).status).toBe(201);
    const refused = await postFile(server.url, y, '/api/challenges', packages.forty!);
    expect(refused.status, JSON.stringify(refused.body)).toBe(413);
    expect(refused.body.error.code).toBe('quota_exceeded');
    expect(refused.body.error.message).toMatch(/quota/);
    expect(((await y.get('/api/challenges')).body.challenges as { slug: string }[]).map((c) => c.slug)).toEqual(['thirty']);
    // Stored: the 30 MB package and nothing of the refused one.
    const yonder = (await server.server.store.findOrganisationBySlug('yonder'))!;
    const used = await server.server.store.storedPackageBytes(yonder.id);
    expect(used).toBeGreaterThan(30 * MB);
    expect(used).toBeLessThan(31 * MB);
    expect(await scratchFiles()).toEqual([]);
    const demoOrg = (await server.server.store.findOrganisationBySlug('demo'))!;
    expect(await server.server.store.storedPackageBytes(demoOrg.id)).toBeLessThan((QUOTA_MB - 40) * MB);

    // Re-publishing bytes already stored costs nothing, even at the edge of the quota.
    expect((await postFile(server.url, y, '/api/challenges', packages.thirty!)).body).toMatchObject({ created: false });
    // The demo organisation has its own quota.
    const other = await postFile(server.url, x, '/api/challenges', packages.forty!);
    expect(other.status, JSON.stringify(other.body)).toBe(201);
  });

  it('refuses a body over the upload cap with 413 while it streams, without reading the rest, and keeps no file', async () => {
    // Declared too large: refused before a byte is read.
    const declared = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const target = new URL('/api/challenges', server.url);
      const req = http.request(
        { host: target.hostname, port: target.port, method: 'POST', path: target.pathname, headers: uploadHeaders(x, { 'content-type': 'application/gzip', 'content-length': String(50 * MB) }) },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.write(Buffer.alloc(1024));
      setTimeout(() => {
        reject(new Error('no answer to a body declared too large'));
        req.destroy();
      }, 20_000).unref();
    });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error.code).toBe('payload_too_large');

    // Not declared (chunked): 3 MB are sent and the request is left open — the answer can only come from the cap.
    const streamed = await new Promise<{ status: number; body: string; sentMb: number }>((resolve, reject) => {
      const target = new URL('/api/challenges', server.url);
      let sent = 0;
      const req = http.request(
        { host: target.hostname, port: target.port, method: 'POST', path: target.pathname, headers: uploadHeaders(x, { 'content-type': 'application/gzip', 'transfer-encoding': 'chunked' }) },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body: text, sentMb: sent / MB });
            req.destroy();
          });
        },
      );
      req.on('error', (error) => reject(error));
      const piece = Buffer.alloc(256 * 1024, 7);
      for (let i = 0; i < 12; i++) {
        sent += piece.length;
        req.write(piece);
      }
      setTimeout(() => {
        reject(new Error('no answer while the body was still open'));
        req.destroy();
      }, 20_000).unref();
    });
    expect(streamed.status).toBe(413);
    const body = JSON.parse(streamed.body);
    expect(body.error.code).toBe('payload_too_large');
    expect(body.error.message).toMatch(/2 MB/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await scratchFiles()).toEqual([]);
  });

  it('answers 429 with Retry-After to a second upload of the same organisation while one is in flight, before reading it', async () => {
    // The first upload sends half its body and waits; the second is refused at once.
    const target = new URL('/api/challenges', server.url);
    const first = http.request({
      host: target.hostname,
      port: target.port,
      method: 'POST',
      path: target.pathname,
      headers: uploadHeaders(y, { 'content-type': 'application/gzip', 'content-length': String(packages.thirty!.length) }),
    });
    const firstAnswer = new Promise<number>((resolve, reject) => {
      first.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      first.on('error', reject);
    });
    first.write(packages.thirty!.subarray(0, 1000));
    await new Promise((resolve) => setTimeout(resolve, 300));

    const second = await y.request('POST', '/api/challenges', { rawBody: await packageTarGz(path.join(REPO_ROOT, 'tests/fixtures/packages/sum')), contentType: 'application/gzip' });
    expectApiError(second, 429, 'rate_limited');
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another organisation is not held up.
    const other = await x.request('POST', '/api/challenges', { rawBody: await packageTarGz(path.join(REPO_ROOT, 'tests/fixtures/packages/sum')), contentType: 'application/gzip' });
    expect(other.status, JSON.stringify(other.body)).toBe(201);

    first.end(packages.thirty!.subarray(1000));
    expect(await firstAnswer).toBe(200);
    expect(await scratchFiles()).toEqual([]);
  });

  it('lets a candidate of the demo assessment see samples from test data kept on disk', async () => {
    const { token } = await demoInvite(x, 'Disk Reader');
    const candidate = new ApiClient(server.url);
    await candidate.openInvite({ token });
    await candidate.post('/api/candidate/attempt/start');
    const attempt = await candidate.get('/api/candidate/session');
    const versionId = attempt.body.attempt.assessment.challenges[0].challengeVersionId;
    const page = await candidate.get(`/api/candidate/challenges/${versionId}`);
    expect(page.status).toBe(200);
    expect(page.body.samples.length).toBeGreaterThan(0);
    expect(page.body.samples[0].input.length).toBeGreaterThan(0);
    const folder = path.join(server.dataDir, 'packages');
    expect((await stat(folder)).isDirectory()).toBe(true);
  });
});
