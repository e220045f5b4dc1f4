/**
 * `npm run bench:server`: sustained throughput of one server process with a
 * full queue. Starts the real server as a child process with the default
 * worker pool (one worker per CPU; KODBRO_WORKERS overrides), makes 50
 * candidates, judges one warm-up submission, then queues 200 submissions of
 * challenges/log-aggregation/solutions/accepted.py (20 hidden tests) at once
 * and waits for every verdict. Prints the wall time, submissions judged per
 * minute, queue-to-verdict latency (the store's createdAt → finishedAt, and
 * POST → `done` socket event), and the judging time per submission under
 * load. Asserts only that every submission was accepted exactly once.
 *
 * Three runs, one after the other (BENCH_MODES picks, comma-separated):
 * - sqlite: one process, the SQLite file (the default deployment);
 * - postgres: one process (role all) on PostgreSQL (Debian's, a cluster of
 *   the bench's own, fsync on);
 * - two-hosts: grown mode — PostgreSQL, one web process, two worker
 *   processes on two Docker daemons (the machine's and a second dockerd,
 *   scripts/dockerd-second.sh), the same number of judging slots in all
 *   (half each).
 *
 * Knobs (environment): BENCH_MODES (sqlite,postgres,two-hosts),
 * BENCH_CANDIDATES (50), BENCH_PER_CANDIDATE (4), BENCH_PACKAGE (a package
 * folder with solutions/accepted.py, published and put in an assessment of
 * its own, instead of the demo's log-aggregation: `tests/fixtures/packages/sum-20`
 * is DESIGN.md's "small Python solution with 20 hidden tests"),
 * KODBRO_WORKERS, KODBRO_BOXES_PER_SUBMISSION, KODBRO_WARM_BOXES (the
 * server's own variables, passed through).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Socket } from 'socket.io-client';
import { startCluster, startLocalPostgres, type RunningCluster } from '../../server/src/grown/index.ts';
import { REPO_ROOT } from '../support/sandbox.ts';
import { nodeArgsFor } from '../../server/bin/built.js';
import { ApiClient, connected, demoInvite, newId, packageTarGz, PY_LOG_AGGREGATION, spawnServer, testEnv, waitForResult, type SpawnedServer } from '../support/server.ts';
import { openStoreFile, submissionEventCounts, submissionRows, type SubmissionRowView } from '../server/sqlite.ts';

const CANDIDATES = Number(process.env.BENCH_CANDIDATES ?? 50);
const PER_CANDIDATE = Number(process.env.BENCH_PER_CANDIDATE ?? 4);
const WORKERS = process.env.KODBRO_WORKERS ?? String(os.availableParallelism());
const BOXES = process.env.KODBRO_BOXES_PER_SUBMISSION ?? '1 (default)';
const PACKAGE = process.env.BENCH_PACKAGE;
const SOURCE = readFileSync(PACKAGE ? path.join(REPO_ROOT, PACKAGE, 'solutions/accepted.py') : PY_LOG_AGGREGATION, 'utf8');

/** The assessment the candidates take: the demo's (log-aggregation first), or one holding BENCH_PACKAGE alone. */
async function benchInvite(staff: ApiClient, name: string, assessment: { id?: string }): Promise<{ token: string }> {
  if (!PACKAGE) return demoInvite(staff, name);
  if (!assessment.id) {
    const archive = await packageTarGz(path.join(REPO_ROOT, PACKAGE));
    const published = await staff.request('POST', '/api/challenges', { rawBody: archive, contentType: 'application/gzip' });
    if (published.status !== 201 && published.status !== 200) throw new Error(`publishing ${PACKAGE} failed: ${JSON.stringify(published.body)}`);
    const now = Date.now();
    const created = await staff.post('/api/assessments', {
      title: `Bench ${PACKAGE}`,
      timeLimitMinutes: 120,
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 86_400_000).toISOString(),
      resultsVisibility: 'aggregate',
      challengeIds: [published.body.challenge.id],
    });
    if (created.status !== 201) throw new Error(`creating the assessment failed: ${JSON.stringify(created.body)}`);
    assessment.id = created.body.id as string;
  }
  const invite = await staff.post(`/api/assessments/${assessment.id}/invites`, { candidateName: name });
  if (invite.status !== 201) throw new Error(`invite failed: ${JSON.stringify(invite.body)}`);
  return { token: invite.body.token as string };
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number;
};
const ms = (x: number) => `${Math.round(x)} ms`;
const secs = (x: number) => `${(x / 1000).toFixed(1)} s`;
const MODES = (process.env.BENCH_MODES ?? 'sqlite,postgres,two-hosts').split(',').map((m) => m.trim());

type Mode = 'sqlite' | 'postgres' | 'two-hosts';

/** What a run judges through: a web address, the rows it wrote, and how to stop it. */
interface Deployment {
  url: string;
  rows(ids: string[]): Promise<{ rows: SubmissionRowView[]; events: Map<string, number> }>;
  stop(): Promise<void>;
}

const ENV = { KODBRO_WORKERS: WORKERS, KODBRO_WARM_BOXES: process.env.KODBRO_WARM_BOXES ?? '2', KODBRO_RUNS_PER_MINUTE: '10000', KODBRO_LOG_LEVEL: 'warn' };

async function deploy(mode: Mode, dir: string): Promise<Deployment> {
  const dataDir = path.join(dir, 'data');
  if (mode === 'sqlite') {
    const server = await spawnServer(dataDir, ENV);
    return {
      url: server.url,
      async rows(ids) {
        const db = openStoreFile(dataDir);
        const rows = submissionRows(db, ids);
        const events = submissionEventCounts(db, [...new Set(rows.map((r) => r.attempt_id))]);
        db.close();
        return { rows, events };
      },
      stop: () => stopChild(server),
    };
  }
  if (mode === 'postgres') {
    const postgres = await startLocalPostgres({ dir: path.join(dir, 'postgres'), durable: true });
    const url = await postgres.createDatabase('kodbro');
    const server = await spawnServer(dataDir, { ...ENV, KODBRO_DATABASE_URL: url });
    return {
      url: server.url,
      rows: (ids) => postgresRows(url, ids),
      async stop() {
        await stopChild(server);
        await postgres.stop();
      },
    };
  }
  const docker2 = path.join(dir, 'docker2');
  const secondHost = execFileSync('bash', [path.join(REPO_ROOT, 'scripts/dockerd-second.sh'), docker2], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').at(-1)!;
  const half = String(Math.max(1, Math.floor(Number(WORKERS) / 2)));
  let cluster: RunningCluster | undefined;
  try {
    cluster = await startCluster({
      dataDir,
      command: [process.execPath, ...nodeArgsFor('app/main')],
      cwd: REPO_ROOT,
      webPorts: [0],
      workers: [{ healthPort: 0 }, { healthPort: 0, dockerHost: secondHost }],
      postgres: { port: 0, durable: true },
      env: { ...testEnv(dataDir), ...ENV, KODBRO_DEMO_PASSWORD: 'kodbro-demo-test-password', KODBRO_WORKERS: half },
      log: (line) => console.log(`  ${line}`),
    });
  } catch (error) {
    stopDockerd(docker2);
    throw error;
  }
  const running = cluster;
  return {
    url: running.webs[0]!.url,
    rows: (ids) => postgresRows(running.databaseUrl, ids),
    async stop() {
      await running.stop();
      stopDockerd(docker2);
    },
  };
}

async function postgresRows(url: string, ids: string[]): Promise<{ rows: SubmissionRowView[]; events: Map<string, number> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = (
      await client.query(
        'SELECT id, attempt_id, kind, status, tries::int AS tries, result, error, created_at::float8 AS created_at, started_at::float8 AS started_at, finished_at::float8 AS finished_at FROM submissions WHERE id = ANY($1)',
        [ids],
      )
    ).rows as SubmissionRowView[];
    const events = new Map<string, number>();
    const attempts = [...new Set(rows.map((r) => r.attempt_id))];
    for (const { id } of (await client.query("SELECT data::json ->> 'submissionId' AS id FROM attempt_events WHERE kind = 'submitted' AND attempt_id = ANY($1)", [attempts])).rows as { id: string }[]) {
      events.set(id, (events.get(id) ?? 0) + 1);
    }
    return { rows, events };
  } finally {
    await client.end();
  }
}

async function stopChild(server: SpawnedServer): Promise<void> {
  if (server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

function stopDockerd(dir: string): void {
  try {
    process.kill(Number(readFileSync(path.join(dir, 'dockerd.pid'), 'utf8')), 'SIGTERM');
  } catch {
    // not running
  }
}

async function main() {
  for (const mode of MODES) {
    if (mode !== 'sqlite' && mode !== 'postgres' && mode !== 'two-hosts') throw new Error(`BENCH_MODES: unknown mode ${mode}`);
    console.log(`\n== ${mode} ==`);
    await bench(mode);
  }
}

async function bench(mode: Mode) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kodbro-bench-'));
  chmodSync(dir, 0o755);
  let deployment: Deployment | undefined;
  const sockets: Socket[] = [];
  try {
    deployment = await deploy(mode, dir);
    const server = deployment;
    const staff = new ApiClient(server.url);
    await staff.login();
    const health = await staff.get('/api/health');
    if (mode !== 'two-hosts' && !health.body.docker) throw new Error('Docker does not answer');
    console.log(`server ${server.url} (${mode}): ${mode === 'two-hosts' ? `2 worker processes x ${Math.max(1, Math.floor(Number(WORKERS) / 2))}` : health.body.workers} workers, boxes per submission ${BOXES}, ${os.availableParallelism()} CPUs`);

    // Candidates, each with a socket that records when its `done` events arrive.
    const doneAt = new Map<string, number>();
    const seats: { client: ApiClient; versionId: string }[] = [];
    const assessment: { id?: string } = {};
    for (let i = 0; i <= CANDIDATES; i++) {
      const invite = await benchInvite(staff, `Bench ${i}`, assessment);
      const client = new ApiClient(server.url);
      await client.openInvite({ token: invite.token });
      const started = await client.post('/api/candidate/attempt/start');
      const socket = client.socket();
      socket.on('submission:progress', (event: { submissionId: string; stage: string }) => {
        if (event.stage === 'done' && !doneAt.has(event.submissionId)) doneAt.set(event.submissionId, Date.now());
      });
      const joined = new Promise((resolve) => socket.once('timer', resolve));
      await connected(socket);
      await joined;
      sockets.push(socket);
      seats.push({ client, versionId: started.body.assessment.challenges[0].challengeVersionId });
    }

    // Warm-up (the last seat): images and page cache warm, not counted.
    const warm = seats.pop()!;
    const warmId = newId();
    await warm.client.post('/api/candidate/submissions', { id: warmId, challengeVersionId: warm.versionId, kind: 'submit', language: 'python', source: SOURCE });
    const warmResult = await waitForResult(warm.client, warmId, 120_000);
    if (warmResult.result?.verdict !== 'accepted') throw new Error(`warm-up was ${JSON.stringify(warmResult.result)}`);

    // The full queue: every submission posted at once.
    const jobs = seats.flatMap((seat) => Array.from({ length: PER_CANDIDATE }, () => ({ seat, id: newId(), postedAt: 0 })));
    const startedAt = Date.now();
    const responses = await Promise.all(
      jobs.map((job) => {
        job.postedAt = Date.now();
        return job.seat.client.post('/api/candidate/submissions', { id: job.id, challengeVersionId: job.seat.versionId, kind: 'submit', language: 'python', source: SOURCE });
      }),
    );
    const refused = responses.filter((r) => r.status !== 202);
    if (refused.length > 0) throw new Error(`${refused.length} submissions refused: ${JSON.stringify(refused[0]!.body)}`);
    console.log(`${jobs.length} submissions queued in ${ms(Date.now() - startedAt)}`);

    let lastReport = 0;
    while (jobs.some((job) => !doneAt.has(job.id))) {
      if (Date.now() - startedAt > 30 * 60_000) throw new Error('not finished in 30 minutes');
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        console.log(`  ${secs(Date.now() - startedAt)}: ${jobs.filter((j) => doneAt.has(j.id)).length}/${jobs.length} judged`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    // The store's own times, and the checks: accepted, once each.
    const { rows, events } = await server.rows(jobs.map((j) => j.id));
    if (rows.length !== jobs.length) throw new Error(`${rows.length} rows for ${jobs.length} submissions`);
    for (const row of rows) {
      const verdict = row.result ? (JSON.parse(row.result) as { verdict: string; score: number }) : undefined;
      if (row.status !== 'done' || verdict?.verdict !== 'accepted' || verdict.score !== 100) throw new Error(`${row.id}: ${row.status} ${row.result?.slice(0, 200)}`);
      if (events.get(row.id) !== 1) throw new Error(`${row.id} has ${events.get(row.id)} submitted events`);
    }
    const retried = rows.filter((r) => r.tries > 1).length;

    const firstCreated = Math.min(...rows.map((r) => r.created_at));
    const lastFinished = Math.max(...rows.map((r) => r.finished_at!));
    const wallMs = lastFinished - startedAt;
    const storeLatency = rows.map((r) => r.finished_at! - r.created_at);
    const judging = rows.map((r) => r.finished_at! - r.started_at!);
    const socketLatency = jobs.map((j) => doneAt.get(j.id)! - j.postedAt);
    const perMinute = (rows.length / (lastFinished - firstCreated)) * 60_000;

    const lines = [
      `${mode}: date ${new Date().toISOString().slice(0, 10)}, ${PACKAGE ?? 'challenges/log-aggregation'}, ${os.availableParallelism()} CPUs, ${WORKERS} judging slots, boxes per submission ${BOXES}, warm boxes ${process.env.KODBRO_WARM_BOXES ?? '2 (default)'}`,
      `submissions ${rows.length} (${seats.length} candidates x ${PER_CANDIDATE}), all accepted 100, each judged once (${retried} retried)`,
      `wall time (first POST to last verdict) ${secs(wallMs)}`,
      `throughput ${perMinute.toFixed(1)} submissions judged per minute (${(perMinute / 60).toFixed(2)}/s)`,
      `queue-to-verdict, store createdAt -> finishedAt: p50 ${ms(percentile(storeLatency, 50))}, p95 ${ms(percentile(storeLatency, 95))}, max ${ms(Math.max(...storeLatency))}`,
      `queue-to-verdict, POST -> done event: p50 ${ms(percentile(socketLatency, 50))}, p95 ${ms(percentile(socketLatency, 95))}, max ${ms(Math.max(...socketLatency))}`,
      `judging per submission under load, startedAt -> finishedAt: p50 ${ms(percentile(judging, 50))}, p95 ${ms(percentile(judging, 95))}, min ${ms(Math.min(...judging))}`,
    ];
    console.log(lines.join('\n'));
  } finally {
    for (const socket of sockets) socket.close();
    await deployment?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
