/**
 * Catalogue item 33: filling the disk through legitimate writes. One
 * candidate floods draft saves (over HTTP and over the socket, 256 KB of new
 * text each time), custom runs and invite opens; the database must grow by a
 * bounded amount, another candidate must keep saving and running meanwhile,
 * and a recruiter's read of the flooded attempt must stay small.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CUSTOM_INPUT_BYTES, MAX_SOURCE_BYTES } from '../../server/src/contracts/index.ts';
import { SQLITE_FILE_NAME } from '../../server/src/store/index.ts';
import { openStoreFile } from '../server/sqlite.ts';
import { expectDockerClean } from '../support/sandbox.ts';
import { ApiClient, connected, demoInvite, emitWithAck, expectApiError, newId, PY_LOG_AGGREGATION, startTestServer, waitForResult, type TestServer } from '../support/server.ts';

const HISTORY_KB = 1024;
const RUN_STORAGE_KB = 2048;
const SESSIONS_PER_INVITE = 5;
const SAVES = 1000;
/**
 * What the whole flood may add to the database file and its WAL: the history
 * cap (1 MB), the run budget (2 MB, plus the results of runs in flight), the
 * drafts themselves (one 256 KB row per language, rewritten in place), and
 * WAL growth (SQLite lets the WAL reach about 4 MB between checkpoints, and
 * the seed has already taken it most of the way). Measured here: 2.5–2.8 MB;
 * before the quotas, the HTTP half alone wrote over 250 MB.
 */
const GROWTH_BOUND_BYTES = 8 * 1024 * 1024;
/** A recruiter's first read of any attempt, and any page after it. */
const PAGE_BOUND_BYTES = 1536 * 1024;

let server: TestServer;
let staff: ApiClient;

beforeAll(async () => {
  server = await startTestServer({
    KODBRO_HISTORY_KB_PER_ATTEMPT: String(HISTORY_KB),
    KODBRO_RUN_STORAGE_KB_PER_ATTEMPT: String(RUN_STORAGE_KB),
    KODBRO_SESSIONS_PER_INVITE: String(SESSIONS_PER_INVITE),
    KODBRO_RUNS_PER_MINUTE: '20',
  });
  staff = new ApiClient(server.url);
  await staff.login();
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await expectDockerClean();
});

/** The database file and its write-ahead log, as they lie on the disk. */
function storedBytes(): number {
  const file = path.join(server.dataDir, SQLITE_FILE_NAME);
  return [file, `${file}-wal`].reduce((sum, name) => sum + (statSync(name, { throwIfNoEntry: false })?.size ?? 0), 0);
}

/** 256 KB of text no earlier save shares, so neither a diff nor compression makes it small. */
const freshSource = () => randomBytes((MAX_SOURCE_BYTES / 4) * 3).toString('base64');

async function startedCandidate(name: string) {
  const invite = await demoInvite(staff, name);
  const client = new ApiClient(server.url);
  await client.openInvite({ token: invite.token });
  const started = await client.post('/api/candidate/attempt/start');
  expect(started.status).toBe(200);
  const attemptId = (await staff.get(`/api/assessments/${invite.assessmentId}/invites`)).body.invites.find((i: { id: string }) => i.id === invite.inviteId).attemptId as string;
  return { client, invite, attemptId, versionId: started.body.assessment.challenges[0].challengeVersionId as string };
}

/** Runs `work` for 0…count-1, `width` at a time. */
async function inParallel<T>(count: number, width: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < count; i = next++) results[i] = await work(i);
    }),
  );
  return results;
}

/** How many bytes a GET answers with, reading at most `cap` + 1 of them (a broken defence must not exhaust this process). */
async function responseBytes(client: ApiClient, urlPath: string, cap: number): Promise<{ status: number; bytes: number }> {
  const response = await fetch(`${server.url}${urlPath}`, { headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  let bytes = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > cap) {
      await reader.cancel();
      break;
    }
  }
  return { status: response.status, bytes };
}

describe('33. filling the disk through legitimate writes', () => {
  it('1,000 draft saves over HTTP and 1,000 over the socket, and custom runs: the disk grows by a bounded amount while another candidate works', async () => {
    const flooder = await startedCandidate('rt33-flood');
    const other = await startedCandidate('rt33-other');
    const before = storedBytes();

    // The other candidate works at a human pace throughout: a save every 1.2 s and two runs.
    let flooding = true;
    const otherSaves: number[] = [];
    const otherRuns = [newId(), newId()];
    const otherWork = (async () => {
      const source = readFileSync(PY_LOG_AGGREGATION, 'utf8');
      expect((await other.client.post('/api/candidate/submissions', { id: otherRuns[0], challengeVersionId: other.versionId, kind: 'samples', language: 'python', source })).status).toBe(202);
      expect((await other.client.post('/api/candidate/submissions', { id: otherRuns[1], challengeVersionId: other.versionId, kind: 'custom', language: 'python', source: 'print(input())\n', customInput: 'hello\n' })).status).toBe(202);
      for (let revision = 1; flooding || revision <= 3; revision++) {
        otherSaves.push((await other.client.put('/api/candidate/drafts', { challengeVersionId: other.versionId, language: 'python', source: `# revision ${revision}\n${source}`, revision })).status);
        await new Promise((resolve) => setTimeout(resolve, 1200));
      }
    })();

    let acceptedRuns: { id: string; status: number }[];
    const tally = { http: 0, socket: 0, runs: 0 };
    try {
      // HTTP: every answer is a save, a refusal of an older revision (they race), or a 429 that says when to come back.
      const http = await inParallel(SAVES, 8, async (i) => {
        const response = await flooder.client.put('/api/candidate/drafts', { challengeVersionId: flooder.versionId, language: 'python', source: freshSource(), revision: i + 1 });
        if (response.status === 429) {
          expectApiError(response, 429, 'rate_limited');
          expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
          expect(response.body.error.details.retryAfterMs).toBeGreaterThan(0);
        } else if (response.status === 409) expectApiError(response, 409, 'stale_draft');
        else expect(response.status, JSON.stringify(response.body).slice(0, 200)).toBe(200);
        return response.status;
      });
      tally.http = http.filter((s) => s === 200).length;
      expect(http.filter((s) => s === 429).length).toBeGreaterThan(SAVES / 2);

      // The socket: the same limit, shared with HTTP, as an error acknowledgement with retryAfterMs.
      const socket: Socket = flooder.client.socket();
      await connected(socket);
      const acks = await inParallel(SAVES, 8, async (i) =>
        emitWithAck(socket, 'draft:save', { challengeVersionId: flooder.versionId, language: 'javascript', source: freshSource(), revision: i + 1 }, 30_000),
      );
      socket.close();
      for (const ack of acks) {
        if (!ack.ok && ack.error.code === 'stale_draft') expect(ack.current).toMatchObject({ language: 'javascript' });
        else if (!ack.ok) expect(ack).toEqual({ ok: false, error: { code: 'rate_limited', message: expect.any(String) }, retryAfterMs: expect.any(Number) });
      }
      tally.socket = acks.filter((ack) => ack.ok).length;
      expect(acks.filter((ack) => !ack.ok && ack.error.code === 'rate_limited').length).toBeGreaterThan(SAVES / 2);

      // Custom runs of 256 KB source and 64 KB input: refused once the attempt's run budget is spent.
      const runSource = `print(len(open(0).read()))\n#${'x'.repeat(MAX_SOURCE_BYTES - 40)}\n`;
      const runs = await inParallel(15, 3, async () => {
        const id = newId();
        const response = await flooder.client.post('/api/candidate/submissions', { id, challengeVersionId: flooder.versionId, kind: 'custom', language: 'python', source: runSource, customInput: 'y'.repeat(MAX_CUSTOM_INPUT_BYTES) });
        if (response.status !== 202) expectApiError(response, 413, 'quota_exceeded');
        return { id, status: response.status };
      });
      acceptedRuns = runs.filter((r) => r.status === 202);
      tally.runs = acceptedRuns.length;
      expect(runs.some((r) => r.status === 413)).toBe(true);
      expect(acceptedRuns.length * (MAX_SOURCE_BYTES + MAX_CUSTOM_INPUT_BYTES)).toBeLessThanOrEqual(RUN_STORAGE_KB * 1024 + MAX_SOURCE_BYTES + MAX_CUSTOM_INPUT_BYTES);
    } finally {
      flooding = false;
      await otherWork;
    }
    for (const id of acceptedRuns.map((r) => r.id)) expect((await waitForResult(flooder.client, id, 180_000)).status).toBe('done');
    for (const id of otherRuns) expect((await waitForResult(other.client, id, 180_000)).result.verdict).toBe('accepted');
    expect(otherSaves.length).toBeGreaterThanOrEqual(3);
    expect(otherSaves.every((status) => status === 200), JSON.stringify(otherSaves)).toBe(true);

    const growth = storedBytes() - before;
    console.info(`rt33: saves accepted ${tally.http}/${SAVES} over HTTP, ${tally.socket}/${SAVES} over the socket; custom runs accepted ${tally.runs}/15; the database and WAL grew by ${(growth / 1024 / 1024).toFixed(2)} MB`);
    expect(growth, `the database grew by ${(growth / 1024 / 1024).toFixed(1)} MB`).toBeLessThan(GROWTH_BOUND_BYTES);

    // The recruiter's read of the flooded attempt, and the next pages, stay small.
    const first = await responseBytes(staff, `/api/attempts/${flooder.attemptId}`, PAGE_BOUND_BYTES);
    expect(first.status).toBe(200);
    expect(first.bytes).toBeLessThanOrEqual(PAGE_BOUND_BYTES);
    for (const page of [`/api/attempts/${flooder.attemptId}/events?limit=1000`, `/api/attempts/${flooder.attemptId}/submissions?limit=100`]) {
      const read = await responseBytes(staff, page, PAGE_BOUND_BYTES);
      expect(read.status, page).toBe(200);
      expect(read.bytes, page).toBeLessThanOrEqual(PAGE_BOUND_BYTES);
    }
  });

  it(`3,000 opens of one invite link leave at most ${SESSIONS_PER_INVITE} sessions, and every device can still get in`, async () => {
    const invite = await demoInvite(staff, 'rt33-sessions');
    const laptop = new ApiClient(server.url);
    await laptop.openInvite({ token: invite.token });
    expect((await laptop.post('/api/candidate/attempt/start')).status).toBe(200);

    // A browser that already holds this invite's session keeps it when the link is opened again.
    const csrf = laptop.csrfToken;
    await laptop.openInvite({ token: invite.token });
    expect(laptop.csrfToken).toBe(csrf);

    const statuses = await inParallel(3000, 8, async () => (await fetch(`${server.url}/api/candidate/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: invite.token }) })).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const db = openStoreFile(server.dataDir);
    try {
        const { n } = db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE invite_id = ?').get(invite.inviteId) as { n: number };
        expect(n).toBeLessThanOrEqual(SESSIONS_PER_INVITE);
    } finally {
      db.close();
    }

    // The laptop's session was the oldest: opening the link again brings it back into the same attempt.
    const session = await laptop.get('/api/candidate/session');
    if (session.status !== 200) {
      expectApiError(session, 401, 'unauthenticated');
      await laptop.openInvite({ token: invite.token });
    }
    const resumed = await laptop.get('/api/candidate/session');
    expect(resumed.body.attempt.status).toBe('in_progress');
    const versionId = resumed.body.attempt.assessment.challenges[0].challengeVersionId;
    expect((await laptop.put('/api/candidate/drafts', { challengeVersionId: versionId, language: 'python', source: 'print(1)\n', revision: 1 })).status).toBe(200);
    const phone = new ApiClient(server.url);
    await phone.openInvite({ code: invite.code });
    expect((await phone.put('/api/candidate/drafts', { challengeVersionId: versionId, language: 'python', source: 'print(2)\n', revision: 2 })).status).toBe(200);
  });
});
