/**
 * Grown mode with real parts: PostgreSQL (Debian's, a throw-away cluster),
 * two web processes and two worker processes, the workers on two Docker
 * daemons (the machine's and a second dockerd with its own data root and
 * socket, scripts/dockerd-second.sh).
 *
 * 1. A hundred submissions, half through each web process: every one judged
 *    exactly once (one `judged` line in all the workers' logs, one try, one
 *    `done` on its candidate's socket), both workers took part, and every
 *    candidate's socket heard its progress whichever web process it is on.
 * 2. Faults: a worker SIGKILLed while it judges — its jobs finish on the other
 *    worker once their leases run out, each exactly once; started again on its
 *    host, it reaps the boxes the dead one left. A web process SIGKILLed —
 *    its candidates carry on through the other, with every acknowledged
 *    draft, and their sockets there hear their progress.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type ClusterProcess, type RunningCluster } from '../../server/src/grown/index.ts';
import { createDockerClient, listSandboxContainers } from '../../server/src/sandbox/index.ts';
import { nodeArgsFor } from '../../server/bin/built.js';
import { ApiClient, connected, demoInvite, newId, PY_LOG_AGGREGATION, testEnv } from '../support/server.ts';
import { REPO_ROOT } from '../support/sandbox.ts';

const ACCEPTED = readFileSync(PY_LOG_AGGREGATION, 'utf8');
const SLOW = readFileSync(path.join(REPO_ROOT, 'challenges/log-aggregation/solutions/slow.py'), 'utf8');
const CANDIDATES = 20;
const PER_CANDIDATE = 5;
// Short enough for the fault test to wait out, long enough that a loaded machine never loses a live lease.
const LEASE_SECONDS = 20;

interface Seat {
  client: ApiClient;
  socket: Socket;
  web: number;
  progress: any[];
}

let root: string;
let secondDocker: string;
let secondDockerDir: string;
let cluster: RunningCluster;
let database: pg.Client;
let versionId: string;
const seats: Seat[] = [];
/** Every `judged` log line's submission id, per worker process (a restarted worker is a new entry). */
const judgedBy = new Map<ClusterProcess, string[]>();

function watchJudgements(worker: ClusterProcess): void {
  const judged: string[] = [];
  judgedBy.set(worker, judged);
  let pending = '';
  worker.child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.includes('"msg":"judged"')) continue;
      const id = /"submissionId":"([^"]+)"/.exec(line)?.[1];
      if (id) judged.push(id);
    }
  });
}

const allJudged = () => [...judgedBy.values()].flat();

async function seat(web: number, name: string, staff: ApiClient): Promise<Seat> {
  const invite = await demoInvite(staff, name);
  const client = new ApiClient(cluster.webs[web]!.url);
  await client.openInvite({ code: invite.code });
  const started = await client.post('/api/candidate/attempt/start');
  expect(started.status).toBe(200);
  // The demo assessment's first task is log-aggregation.
  versionId = started.body.assessment.challenges[0].challengeVersionId;
  return listen({ client, socket: undefined as unknown as Socket, web, progress: [] });
}

/** (Re)connects a seat's socket to its web process; resolves once it joined its attempt's room (the first timer event). */
async function listen(seat: Seat): Promise<Seat> {
  seat.socket = seat.client.socket();
  seat.socket.on('submission:progress', (event) => seat.progress.push(event));
  const firstTimer = new Promise((resolve) => seat.socket.once('timer', resolve));
  await connected(seat.socket);
  await firstTimer;
  return seat;
}

async function submit(seat: Seat, source: string): Promise<string> {
  const id = newId();
  const response = await seat.client.post('/api/candidate/submissions', { id, challengeVersionId: versionId, kind: 'submit', language: 'python', source });
  expect(response.status, `${JSON.stringify(response.body)}\n${serverSaid(response.body)}`).toBe(202);
  return id;
}

/** What the web processes logged about a request that failed on our side, found by the request id in its answer. */
function serverSaid(body: unknown): string {
  const requestId = /request ([0-9a-f-]{36})/.exec(JSON.stringify(body))?.[1];
  if (!requestId) return '';
  return cluster.webs
    .flatMap((web) => web.output().split('\n'))
    .filter((line) => line.includes(requestId))
    .join('\n');
}

const doneOn = (seat: Seat, id: string) => seat.progress.filter((e) => e.submissionId === id && e.stage === 'done').length;

async function rows(ids: string[]): Promise<{ id: string; status: string; tries: number; result: string | null }[]> {
  return (await database.query('SELECT id, status, tries::int AS tries, result FROM submissions WHERE id = ANY($1)', [ids])).rows;
}

/**
 * Where the second dockerd lives. `npm test` starts it and copies the runner
 * images into it (minutes of disk work) in the background while the other
 * suites run, and names its folder in KODBRO_TEST_SECOND_DOCKER; this waits
 * for that copy to end. Run alone, the test makes its own in `root`.
 */
async function secondDockerFolder(root: string): Promise<string> {
  const prepared = process.env.KODBRO_TEST_SECOND_DOCKER;
  if (!prepared) return path.join(root, 'docker2');
  const done = path.join(prepared, 'done');
  for (let waited = 0; !existsSync(done); waited += 1000) {
    if (waited > 600_000) throw new Error(`the second dockerd npm test started in ${prepared} was not ready after 10 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return path.join(prepared, 'daemon');
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'kodbro-cluster-'));
  // PostgreSQL runs as the postgres user (as root, initdb refuses to run as root): it must reach its folder in here.
  chmodSync(root, 0o755);
  secondDockerDir = await secondDockerFolder(root);
  secondDocker = execFileSync('bash', [path.join(REPO_ROOT, 'scripts/dockerd-second.sh'), secondDockerDir], { encoding: 'utf8' }).trim().split('\n').at(-1)!;
  const dataDir = path.join(root, 'data');
  cluster = await startCluster({
    dataDir,
    command: [process.execPath, ...nodeArgsFor('app/main')],
    cwd: REPO_ROOT,
    webPorts: [0, 0],
    workers: [{ healthPort: 0 }, { healthPort: 0, dockerHost: secondDocker }],
    postgres: { port: 0, durable: false },
    env: { ...testEnv(dataDir), KODBRO_LOG_LEVEL: 'info', KODBRO_WORKERS: '2', KODBRO_LEASE_SECONDS: String(LEASE_SECONDS) },
    log: () => undefined,
  });
  for (const worker of cluster.workers) watchJudgements(worker);
  database = new pg.Client({ connectionString: cluster.databaseUrl });
  await database.connect();

  const staff = new ApiClient(cluster.webs[0]!.url);
  await staff.login();
  for (let i = 0; i < CANDIDATES; i++) seats.push(await seat(i % 2, `Cluster ${i}`, staff));
}, 900_000);

afterAll(async () => {
  for (const s of seats) s.socket?.close();
  await database?.end();
  await cluster?.stop();
  if (secondDocker) {
    const pid = Number(readFileSync(path.join(secondDockerDir, 'dockerd.pid'), 'utf8'));
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 100; i++) {
      try {
        process.kill(pid, 0);
        await new Promise((resolve) => setTimeout(resolve, 200));
      } catch {
        break;
      }
    }
  }
  // A data root the second dockerd still has mounts in cannot be removed whole; what is left is in the temp folder.
  if (root) {
    try {
      rmSync(root, { recursive: true, force: true });
    } catch (error) {
      console.warn(`left ${root}: ${String(error)}`);
    }
  }
}, 120_000);

describe('grown mode: PostgreSQL, two web processes, two workers on two Docker daemons', () => {
  it('judges a hundred submissions made through both web processes exactly once, on both workers, with progress on every socket', async () => {
    expect(new Set(cluster.workers.map((w) => w.url)).size).toBe(2);
    for (const worker of cluster.workers) {
      const health = (await (await fetch(`${worker.url}/health`)).json()) as { role: string; status: string; dockerHost: string };
      expect(health).toMatchObject({ role: 'worker', status: 'ok' });
    }
    expect(((await (await fetch(`${cluster.workers[1]!.url}/health`)).json()) as { dockerHost: string }).dockerHost).toBe(secondDocker);

    const ids = new Map<Seat, string[]>();
    await Promise.all(
      seats.map(async (s) => {
        const mine: string[] = [];
        for (let i = 0; i < PER_CANDIDATE; i++) mine.push(await submit(s, ACCEPTED));
        ids.set(s, mine);
      }),
    );
    const every = [...ids.values()].flat();
    expect(new Set(every).size).toBe(CANDIDATES * PER_CANDIDATE);

    // Every candidate's socket, on whichever web process, hears each of its submissions end, once.
    await expect
      .poll(() => seats.filter((s) => ids.get(s)!.every((id) => doneOn(s, id) === 1)).length, { timeout: 600_000, interval: 1000 })
      .toBe(CANDIDATES);
    for (const s of seats) {
      for (const id of ids.get(s)!) {
        expect(doneOn(s, id), id).toBe(1);
        expect(s.progress.some((e) => e.submissionId === id && e.stage === 'queued')).toBe(true);
      }
      // Nobody hears another candidate's submissions.
      expect(s.progress.every((e) => ids.get(s)!.includes(e.submissionId))).toBe(true);
    }

    // Exactly once: one try and one result each in PostgreSQL, one `judged` line in all the workers' logs.
    const stored = await rows(every);
    expect(stored).toHaveLength(every.length);
    for (const row of stored) {
      expect(row, row.id).toMatchObject({ status: 'done', tries: 1 });
      expect(JSON.parse(row.result!)).toMatchObject({ verdict: 'accepted', score: 100 });
    }
    await expect.poll(() => allJudged().filter((id) => every.includes(id)).length, { timeout: 10_000 }).toBe(every.length);
    expect(new Set(allJudged()).size).toBe(allJudged().length);
    // Both workers, on their two Docker hosts, took part.
    for (const worker of cluster.workers) expect(judgedBy.get(worker)!.length, worker.name).toBeGreaterThan(0);
    expect(seats.filter((s) => s.web === 0).length).toBeGreaterThan(0);
    expect(seats.filter((s) => s.web === 1).length).toBeGreaterThan(0);
  }, 900_000);

  it('finishes a killed worker’s submissions on the other exactly once, and reaps its boxes when it starts again on its host', async () => {
    const victim = cluster.workers[1]!;
    const victimId = ((await (await fetch(`${victim.url}/health`)).json()) as { worker: string }).worker;
    // Slow submissions (every test runs to its time limit) keep both workers busy long enough to be caught judging.
    const ids: string[] = [];
    for (const s of seats.slice(0, 6)) ids.push(await submit(s, SLOW));
    const heldBy = async (workerPrefix: string) =>
      (await database.query("SELECT id FROM submissions WHERE status = 'running' AND worker_id LIKE $1", [`${workerPrefix}:%`])).rows.map((r) => r.id as string);
    await expect.poll(() => heldBy(victimId), { timeout: 120_000, interval: 100 }).not.toHaveLength(0);
    const secondHost = createDockerClient(secondDocker);
    const boxesOnSecond = async () => (await listSandboxContainers(secondHost)).length;
    await expect.poll(boxesOnSecond, { timeout: 30_000, interval: 100 }).toBeGreaterThan(0);

    victim.child.kill('SIGKILL');
    await victim.exited;
    // What it held when it died: still marked running, under its name, until the leases run out.
    const running = await heldBy(victimId);
    expect(running.length).toBeGreaterThan(0);

    // Every one ends done; the ones the dead worker held were judged again (a second try) by the survivor.
    await expect.poll(async () => (await rows(ids)).filter((r) => r.status === 'done').length, { timeout: 600_000, interval: 1000 }).toBe(ids.length);
    const stored = await rows(ids);
    for (const row of stored) expect(row.tries, row.id).toBe(running.includes(row.id) ? 2 : 1);
    const survivor = judgedBy.get(cluster.workers[0]!)!;
    for (const id of running) expect(survivor.filter((j) => j === id), id).toHaveLength(1);
    for (const id of ids) expect(allJudged().filter((j) => j === id), id).toHaveLength(1);
    for (const [i, id] of ids.entries()) await expect.poll(() => doneOn(seats[i]!, id), { timeout: 30_000 }).toBe(1);

    // The dead worker's boxes are still on its host until a worker starts there again, which reaps them.
    const restarted = await cluster.restartWorker(1);
    watchJudgements(restarted);
    await expect.poll(boxesOnSecond, { timeout: 60_000, interval: 500 }).toBe(0);
  }, 900_000);

  it('keeps a killed web process’s candidates going through the other, with every acknowledged draft and their progress', async () => {
    const onFirst = seats.filter((s) => s.web === 0).slice(0, 4);
    const drafts = new Map<Seat, string>();
    for (const [i, s] of onFirst.entries()) {
      const source = `# draft ${i} before the web process died\n${ACCEPTED}`;
      const saved = await s.client.put('/api/candidate/drafts', { challengeVersionId: versionId, language: 'python', source, revision: 1 });
      expect(saved.status).toBe(200);
      drafts.set(s, source);
    }
    const dead = cluster.webs[0]!;
    dead.child.kill('SIGKILL');
    await dead.exited;

    for (const s of onFirst) {
      // The browser's page reconnects to the address that answers: the other web process, same session cookie.
      const moved = new ApiClient(cluster.webs[1]!.url);
      for (const [name, value] of s.client.cookies) moved.cookies.set(name, value);
      moved.csrfToken = s.client.csrfToken;
      s.socket.close();
      s.client = moved;
      s.web = 1;
      await listen(s);
      const session = await moved.get('/api/candidate/session');
      expect(session.status).toBe(200);
      const found = (session.body.attempt.drafts as { challengeVersionId: string; language: string; source: string }[]).find(
        (d) => d.challengeVersionId === versionId && d.language === 'python',
      );
      expect(found?.source).toBe(drafts.get(s));
      const id = await submit(s, ACCEPTED);
      await expect.poll(() => doneOn(s, id), { timeout: 300_000, interval: 500 }).toBe(1);
    }
  }, 900_000);
});
