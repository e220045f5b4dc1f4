/**
 * Fifty candidates at once against one server process (the harness's two
 * workers): fifty invites, fifty API clients each with a socket, and fifty
 * submissions of the accepted log-aggregation solution started in the same
 * tick.
 *
 * Asserted: all 202 with fifty distinct ids; every candidate's socket got a
 * `queued` progress event for its submission carrying a numeric or null
 * position, and at least one position was above 0 (a real queue formed);
 * every submission ends `done` with score 100, announced by exactly one
 * `done` event on its candidate's socket; SQLite holds exactly fifty submit
 * rows for these attempts, each done, one `submitted` event each; posting
 * every submission again with the same id answers 200 with the same id and
 * writes nothing (same rows, same events).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, connected, demoInvite, newId, PY_LOG_AGGREGATION, spawnServer, type SpawnedServer } from '../support/server.ts';
import { openStoreFile, snapshotTables, submissionEventCounts, submissionRowsOfAttempts } from './store-db.ts';

const CANDIDATES = 50;
const SOURCE = readFileSync(PY_LOG_AGGREGATION, 'utf8');

interface Seat {
  client: ApiClient;
  socket: Socket;
  versionId: string;
  progress: any[];
}

let dataDir: string;
let server: SpawnedServer;
const seats: Seat[] = [];
/** The fifty attempts, from the staff's invite list (not from the submissions). */
let attemptIds: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kodbro-concurrency-'));
  server = await spawnServer(dataDir, { KODBRO_LOG_LEVEL: 'warn' });
  const staff = new ApiClient(server.url);
  await staff.login();
  const invites = [];
  for (let i = 0; i < CANDIDATES; i++) invites.push(await demoInvite(staff, `Candidate ${i}`));

  await Promise.all(
    invites.map(async (invite) => {
      const client = new ApiClient(server.url);
      await client.openInvite({ code: invite.code });
      const started = await client.post('/api/candidate/attempt/start');
      expect(started.status).toBe(200);
      const socket = client.socket();
      const progress: any[] = [];
      socket.on('submission:progress', (event) => progress.push(event));
      // The first timer event comes after the socket joined its attempt's room.
      const firstTimer = new Promise((resolve) => socket.once('timer', resolve));
      await connected(socket);
      await firstTimer;
      seats.push({ client, socket, versionId: started.body.assessment.challenges[0].challengeVersionId, progress });
    }),
  );
  const list = await staff.get(`/api/assessments/${invites[0]!.assessmentId}/invites`);
  const attemptOf = new Map<string, string | null>(list.body.invites.map((i: { id: string; attemptId: string | null }) => [i.id, i.attemptId]));
  attemptIds = invites.map((invite) => attemptOf.get(invite.inviteId)!);
  expect(new Set(attemptIds).size).toBe(CANDIDATES);
  expect(attemptIds.every((id) => typeof id === 'string')).toBe(true);
}, 300_000);

afterAll(async () => {
  for (const seat of seats) seat.socket.close();
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('fifty candidates submitting in the same tick', () => {
  it('queues all fifty, reports positions, judges each exactly once and stays idempotent', async () => {
    const ids = seats.map(() => newId());
    const bodies = seats.map((seat, i) => ({ id: ids[i], challengeVersionId: seat.versionId, kind: 'submit', language: 'python', source: SOURCE }));
    const responses = await Promise.all(seats.map((seat, i) => seat.client.post('/api/candidate/submissions', bodies[i])));

    expect(responses.map((r) => r.status)).toEqual(seats.map(() => 202));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(CANDIDATES);
    expect(responses.map((r) => r.body.id)).toEqual(ids);

    // Every candidate hears "queued" with a position (a number while it waits, null once a worker took it).
    await expect.poll(() => seats.filter((seat, i) => seat.progress.some((e) => e.submissionId === ids[i] && e.stage === 'queued')).length, { timeout: 30_000 }).toBe(CANDIDATES);
    const positions = seats.map((seat, i) => seat.progress.find((e) => e.submissionId === ids[i] && e.stage === 'queued').position);
    for (const position of positions) expect(position === null || (Number.isInteger(position) && position >= 0), String(position)).toBe(true);
    expect(Math.max(...positions.map((p) => p ?? -1))).toBeGreaterThan(0);
    // Nobody hears about anyone else's submission.
    for (const [i, seat] of seats.entries()) expect(seat.progress.every((e) => e.submissionId === ids[i])).toBe(true);

    // All judged: every socket gets its single `done`, and the API agrees.
    await expect
      .poll(() => seats.filter((seat, i) => seat.progress.some((e) => e.submissionId === ids[i] && e.stage === 'done')).length, { timeout: 400_000, interval: 1000 })
      .toBe(CANDIDATES);
    for (const [i, seat] of seats.entries()) {
      const done = seat.progress.filter((e) => e.submissionId === ids[i] && e.stage === 'done');
      expect(done.length, `done events for ${ids[i]}`).toBe(1);
      expect(seat.progress.some((e) => e.stage === 'failed' || e.stage === 'retrying')).toBe(false);
      const fetched = await seat.client.get(`/api/candidate/submissions/${ids[i]}`);
      expect(fetched.body).toMatchObject({ id: ids[i], status: 'done', result: { verdict: 'accepted', score: 100 } });
    }

    // The store: exactly fifty submit rows for these attempts, each done once.
    const db = await openStoreFile(dataDir);
    const rows = await submissionRowsOfAttempts(db, attemptIds);
    expect(rows.length).toBe(CANDIDATES);
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    for (const row of rows) {
      expect(row.kind).toBe('submit');
      expect(row.status).toBe('done');
      expect(row.result).not.toBeNull();
      expect(row.finished_at).not.toBeNull();
      expect(row.tries, `tries of ${row.id}`).toBe(1);
    }
    const events = await submissionEventCounts(db, attemptIds);
    expect(ids.map((id) => events.get(id))).toEqual(ids.map(() => 1));

    // The same ids again: 200, the same submissions, nothing written.
    const before = await snapshotTables(db, ['submissions', 'attempt_events']);
    const again = await Promise.all(seats.map((seat, i) => seat.client.post('/api/candidate/submissions', bodies[i])));
    expect(again.map((r) => r.status)).toEqual(seats.map(() => 200));
    expect(again.map((r) => r.body.id)).toEqual(ids);
    for (const r of again) expect(r.body).toMatchObject({ status: 'done', result: { verdict: 'accepted', score: 100 } });
    expect(await snapshotTables(db, ['submissions', 'attempt_events'])).toEqual(before);
    await db.close();

    const health = await seats[0]!.client.get('/api/health');
    expect(health.body.queue).toEqual({ queued: 0, delayed: 0, running: 0 });
  }, 600_000);
});
