/**
 * Crash recovery, across real processes: a server (one worker) is killed
 * with SIGKILL while it judges, and a new one is started on the same data
 * folder.
 *
 * Asserted after the restart:
 *  - every submission that got a 202 ends `done` exactly once: one row per
 *    id in SQLite with status 'done', a result and a finish time, one
 *    `submitted` event each, no extra rows; the candidate's GET shows the
 *    result (accepted 100 for accepted.py, time_limit for slow.py);
 *  - `tries` tells the story: 2 or more for the job that was running at the
 *    kill, exactly 1 for those queued at the kill; those done before the
 *    kill are untouched (same result, same finish time);
 *  - every draft acknowledged before the kill (HTTP PUT and socket
 *    draft:save) is there with its revision and source; the draft that was
 *    being saved in a loop at the kill is there at its last acknowledged
 *    revision or one beyond it (a save whose ack the kill swallowed);
 *  - containers: the killed process's labelled sandbox containers (there is
 *    at least one, the kill waits for it) are gone within 30 s of the
 *    restart — the start-up reap removes the boxes of a dead owner process
 *    on this host without waiting for their deadline — and once the queue is
 *    empty no container of either process is left.
 *
 * A second test starts a server whose Docker socket does not exist (nothing
 * leaves the machine): it starts, says `docker: false` / `degraded`, takes a
 * submission with 202 and keeps it `queued`, untried, for several seconds.
 */
import { readFileSync, existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import os from 'node:os';
import path from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { LABEL_OWNER, listSandboxContainers } from '../../server/src/sandbox/index.ts';
import { docker, REPO_ROOT } from '../support/sandbox.ts';
import { ApiClient, connected, demoInvite, emitWithAck, newId, PY_LOG_AGGREGATION } from '../support/server.ts';
import { serverProcesses, until } from '../support/processes.ts';
import { storeKind } from '../support/store-kind.ts';
import { openStoreFile, submissionEventCounts, submissionRowsOfAttempts } from './store-db.ts';

const ACCEPTED = readFileSync(PY_LOG_AGGREGATION, 'utf8');
const SLOW = readFileSync(path.join(REPO_ROOT, 'challenges/log-aggregation/solutions/slow.py'), 'utf8');
const ENV = { KODBRO_WORKERS: '1', KODBRO_LOG_LEVEL: 'warn' };

const { spawn, freshDir } = serverProcesses({ dirPrefix: 'kodbro-crash-', env: ENV, stopWith: 'SIGTERM' });
const sockets: Socket[] = [];

afterAll(() => {
  for (const socket of sockets) socket.close();
});

/** The same candidate (cookies and CSRF token) talking to another server process. */
function rebased(client: ApiClient, url: string): ApiClient {
  const copy = new ApiClient(url);
  for (const [k, v] of client.cookies) copy.cookies.set(k, v);
  copy.csrfToken = client.csrfToken;
  return copy;
}

const ownedBy = (pid: number | undefined) => `${os.hostname()}:${pid}`;
const containersOf = async (pid: number | undefined) => (await listSandboxContainers(docker)).filter((c) => c.Labels?.[LABEL_OWNER] === ownedBy(pid));

interface Candidate {
  name: string;
  client: ApiClient;
  attemptId: string;
  /** challengeVersionId → the last acknowledged draft per language. */
  drafts: Map<string, { challengeVersionId: string; language: string; revision: number; source: string }>;
}

describe('a server killed with SIGKILL while judging', () => {
  it('re-queues the running job, judges every accepted submission exactly once, keeps every draft and leaves no container', async () => {
    const dataDir = freshDir();
    const first = await spawn(dataDir);

    const staff = new ApiClient(first.url);
    await staff.login();
    const challenges = await staff.get('/api/challenges');
    const versionOf = (slug: string) => challenges.body.challenges.find((c: { slug: string }) => c.slug === slug).latestVersionId as string;
    const logAggregation = versionOf('log-aggregation');
    const meetingRooms = versionOf('meeting-rooms');

    const candidates: Candidate[] = [];
    for (let i = 0; i < 4; i++) {
      const invite = await demoInvite(staff, `Crash ${i}`);
      const client = new ApiClient(first.url);
      await client.openInvite({ token: invite.token });
      expect((await client.post('/api/candidate/attempt/start')).status).toBe(200);
      const invites = await staff.get(`/api/assessments/${invite.assessmentId}/invites`);
      const attemptId = invites.body.invites.find((v: { id: string }) => v.id === invite.inviteId).attemptId as string;
      candidates.push({ name: `Crash ${i}`, client, attemptId, drafts: new Map() });
    }

    // Drafts over HTTP (three revisions) and over the socket (two), each acknowledged.
    for (const candidate of candidates) {
      for (let revision = 1; revision <= 3; revision++) {
        const source = `# ${candidate.name} http revision ${revision}\n${ACCEPTED.slice(0, 200)}`;
        const saved = await candidate.client.put('/api/candidate/drafts', { challengeVersionId: logAggregation, language: 'python', source, revision });
        expect(saved.status).toBe(200);
        candidate.drafts.set(`${logAggregation}/python`, { challengeVersionId: logAggregation, language: 'python', revision, source });
      }
      const socket = candidate.client.socket();
      sockets.push(socket);
      await connected(socket);
      for (let revision = 1; revision <= 2; revision++) {
        const source = `// ${candidate.name} socket revision ${revision}`;
        const ack = await emitWithAck(socket, 'draft:save', { challengeVersionId: meetingRooms, language: 'javascript', source, revision });
        expect(ack).toMatchObject({ ok: true, value: { revision } });
        candidate.drafts.set(`${meetingRooms}/javascript`, { challengeVersionId: meetingRooms, language: 'javascript', revision, source });
      }
    }

    // Twelve submissions in a fixed queue order: two quick ones first, then a slow one (running at the kill), then the rest.
    const plan: { who: number; kind: 'accepted' | 'slow' }[] = [
      { who: 0, kind: 'accepted' },
      { who: 1, kind: 'accepted' },
      { who: 2, kind: 'slow' },
      { who: 3, kind: 'accepted' },
      { who: 0, kind: 'slow' },
      { who: 1, kind: 'accepted' },
      { who: 2, kind: 'accepted' },
      { who: 3, kind: 'slow' },
      { who: 0, kind: 'accepted' },
      { who: 1, kind: 'accepted' },
      { who: 2, kind: 'accepted' },
      { who: 3, kind: 'accepted' },
    ];
    const accepted: { id: string; who: number; kind: 'accepted' | 'slow' }[] = [];
    for (const { who, kind } of plan) {
      const id = newId();
      const response = await candidates[who]!.client.post('/api/candidate/submissions', {
        id,
        challengeVersionId: logAggregation,
        kind: 'submit',
        language: 'python',
        source: kind === 'slow' ? SLOW : ACCEPTED,
      });
      expect(response.status).toBe(202);
      accepted.push({ id, who, kind });
    }

    // One candidate keeps saving a draft right up to the kill, as fast as the attempt's save limit allows.
    const looping = candidates[1]!;
    const loopSocket = sockets[1]!;
    let lastAcked = 0;
    let stopLoop = false;
    const loop = (async () => {
      for (let revision = 1; !stopLoop; ) {
        const ack = await emitWithAck(loopSocket, 'draft:save', { challengeVersionId: logAggregation, language: 'javascript', source: `loop ${revision}`, revision }, 2000).catch(() => undefined);
        if (ack?.ok) lastAcked = revision++;
        else if (ack?.error?.code === 'rate_limited') await new Promise((resolve) => setTimeout(resolve, ack.retryAfterMs));
        else break;
      }
    })();

    // Kill once the first two are judged and the slow one is running inside its containers.
    const db1 = await openStoreFile(dataDir);
    await until('two judged, one running in a container', 120_000, async () => {
      const health = await staff.get('/api/health');
      const done = (await db1.get<{ n: number }>(`SELECT COUNT(*) AS n FROM submissions WHERE status = 'done'`))!.n;
      return health.body.queue.running >= 1 && done >= 2 && (await containersOf(first.child.pid)).length >= 1;
    });
    await db1.close();
    expect(lastAcked).toBeGreaterThan(0);
    first.child.kill('SIGKILL');
    await first.exited;
    stopLoop = true;
    await loop;
    const loopAcked = lastAcked;

    const attemptIds = candidates.map((c) => c.attemptId);
    const db = await openStoreFile(dataDir);
    const atKill = new Map((await submissionRowsOfAttempts(db, attemptIds)).map((r) => [r.id, r]));
    const runningAtKill = [...atKill.values()].filter((r) => r.status === 'running').map((r) => r.id);
    const queuedAtKill = [...atKill.values()].filter((r) => r.status === 'queued').map((r) => r.id);
    const doneAtKill = [...atKill.values()].filter((r) => r.status === 'done');
    expect(runningAtKill.length).toBe(1);
    expect(queuedAtKill.length).toBeGreaterThanOrEqual(1);
    expect(doneAtKill.length).toBeGreaterThanOrEqual(2);
    // The boxes the killed process was judging in (at least one, seen above) outlive it: a SIGKILL runs no
    // cleanup. They are not counted here, because any other server on this Docker (another test file's, run
    // beside this one) reaps a dead owner's boxes on its own start or sweep, and may have done so already.
    // What must hold is that none is left once the restart has had its turn.

    // Restart on the same folder.
    const second = await spawn(dataDir);
    // SQLite: one process owns the file, so a start re-queues whatever is marked running. PostgreSQL may be
    // shared with other live workers: the killed job comes back when its lease runs out (server.ts), with no
    // such line; the rows below check it was judged again all the same.
    if (storeKind() === 'sqlite') expect(second.output()).toMatch(/jobs left running by the previous process: re-queued/);
    await until('the killed process’s containers to be reaped', 30_000, async () => (await containersOf(first.child.pid)).length === 0, 500);

    const clients = candidates.map((c) => rebased(c.client, second.url));
    for (const { id, who, kind } of accepted) {
      const deadline = Date.now() + 240_000;
      let body: any;
      for (;;) {
        body = (await clients[who]!.get(`/api/candidate/submissions/${id}`)).body;
        if (body?.status === 'done' || body?.status === 'failed' || Date.now() > deadline) break;
        await sleep(250);
      }
      expect(body.status, `${kind} ${id}`).toBe('done');
      expect(body.result, `${kind} ${id}`).not.toBeNull();
      if (kind === 'accepted') expect(body.result).toMatchObject({ verdict: 'accepted', score: 100 });
      else expect(body.result.verdict).toBe('time_limit');
    }

    // The store: one row per accepted submission, each done once; tries tell what happened.
    const rows = await submissionRowsOfAttempts(db, attemptIds);
    expect(rows.map((r) => r.id).sort()).toEqual(accepted.map((a) => a.id).sort());
    for (const row of rows) {
      expect(row.status, row.id).toBe('done');
      expect(row.result, row.id).not.toBeNull();
      expect(row.finished_at, row.id).not.toBeNull();
      if (runningAtKill.includes(row.id)) expect(row.tries, 'the job running at the kill').toBeGreaterThanOrEqual(2);
      else if (queuedAtKill.includes(row.id)) expect(row.tries, 'a job queued at the kill').toBe(1);
    }
    for (const before of doneAtKill) {
      const after = rows.find((r) => r.id === before.id)!;
      expect({ tries: after.tries, result: after.result, finished: after.finished_at }).toEqual({ tries: 1, result: before.result, finished: before.finished_at });
    }
    const events = await submissionEventCounts(db, attemptIds);
    for (const { id } of accepted) expect(events.get(id), `submitted events of ${id}`).toBe(1);
    expect([...events.keys()].sort()).toEqual(accepted.map((a) => a.id).sort());

    // Every acknowledged draft survived.
    for (const [i, candidate] of candidates.entries()) {
      const session = await clients[i]!.get('/api/candidate/session');
      expect(session.status).toBe(200);
      const drafts = session.body.attempt.drafts as { challengeVersionId: string; language: string; revision: number; source: string }[];
      for (const expected of candidate.drafts.values()) {
        const found = drafts.find((d) => d.challengeVersionId === expected.challengeVersionId && d.language === expected.language);
        expect(found, `${candidate.name} ${expected.language}`).toMatchObject({ revision: expected.revision, source: expected.source });
      }
      if (candidate === looping) {
        const found = drafts.find((d) => d.challengeVersionId === logAggregation && d.language === 'javascript')!;
        expect(found.revision).toBeGreaterThanOrEqual(loopAcked);
        expect(found.revision).toBeLessThanOrEqual(loopAcked + 1);
        expect(found.source).toBe(`loop ${found.revision}`);
      }
    }

    // With the queue empty, no box of either process is left.
    await until('an empty queue', 60_000, async () => {
      const health = await clients[0]!.get('/api/health');
      return health.body.queue.queued === 0 && health.body.queue.running === 0;
    });
    await until('no sandbox container of either process', 30_000, async () => (await containersOf(first.child.pid)).length + (await containersOf(second.child.pid)).length === 0, 500);
    await db.close();

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 600_000);
});

describe('a server whose Docker does not answer', () => {
  it('starts degraded, accepts a submission and keeps it queued instead of failing it', async () => {
    const socketPath = '/tmp/kodbro-no-docker.sock';
    expect(existsSync(socketPath), `${socketPath} must not exist for this test`).toBe(false);
    const dataDir = freshDir();
    const server = await spawn(dataDir, { KODBRO_WORKERS: '1', KODBRO_LOG_LEVEL: 'error', DOCKER_HOST: `unix://${socketPath}` });
    expect(server.output()).toMatch(/Docker\s+NOT REACHABLE/);

    const anon = new ApiClient(server.url);
    const health = await anon.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'degraded', store: true, docker: false, workers: 1 });

    const staff = new ApiClient(server.url);
    await staff.login();
    const invite = await demoInvite(staff);
    const candidate = new ApiClient(server.url);
    const session = await candidate.openInvite({ code: invite.code });
    const started = await candidate.post('/api/candidate/attempt/start');
    expect(started.status).toBe(200);
    const versionId = started.body.assessment.challenges[0].challengeVersionId;
    expect(session.status).toBe(200);

    const id = newId();
    const submitted = await candidate.post('/api/candidate/submissions', { id, challengeVersionId: versionId, kind: 'submit', language: 'python', source: ACCEPTED });
    expect(submitted.status).toBe(202);
    expect(submitted.body).toMatchObject({ id, status: 'queued', queuePosition: 0 });

    const db = await openStoreFile(dataDir);
    const watchUntil = Date.now() + 7000;
    while (Date.now() < watchUntil) {
      const now = await candidate.get(`/api/candidate/submissions/${id}`);
      expect(now.body).toMatchObject({ status: 'queued', result: null });
      const row = await db.get('SELECT status, tries, error FROM submissions WHERE id = ?', id);
      expect(row).toEqual({ status: 'queued', tries: 0, error: null });
      await sleep(500);
    }
    const later = await anon.get('/api/health');
    expect(later.body).toMatchObject({ status: 'degraded', docker: false, queue: { queued: 1, running: 0 } });
    await db.close();
    expect(server.child.exitCode).toBeNull();
  }, 120_000);
});
