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
 * Knobs (environment): BENCH_CANDIDATES (50), BENCH_PER_CANDIDATE (4),
 * KODBRO_WORKERS, KODBRO_BOXES_PER_SUBMISSION (the server's own variables,
 * passed through).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Socket } from 'socket.io-client';
import { ApiClient, connected, demoInvite, newId, PY_LOG_AGGREGATION, spawnServer, waitForResult } from '../support/server.ts';
import { openStoreFile, submissionEventCounts, submissionRows } from '../server/sqlite.ts';

const CANDIDATES = Number(process.env.BENCH_CANDIDATES ?? 50);
const PER_CANDIDATE = Number(process.env.BENCH_PER_CANDIDATE ?? 4);
const WORKERS = process.env.KODBRO_WORKERS ?? String(os.availableParallelism());
const BOXES = process.env.KODBRO_BOXES_PER_SUBMISSION ?? '2 (default)';
const SOURCE = readFileSync(PY_LOG_AGGREGATION, 'utf8');

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number;
};
const ms = (x: number) => `${Math.round(x)} ms`;
const secs = (x: number) => `${(x / 1000).toFixed(1)} s`;

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kodbro-bench-'));
  const server = await spawnServer(dataDir, { KODBRO_WORKERS: WORKERS, KODBRO_RUNS_PER_MINUTE: '10000', KODBRO_LOG_LEVEL: 'warn' });
  const sockets: Socket[] = [];
  try {
    const staff = new ApiClient(server.url);
    await staff.login();
    const health = await staff.get('/api/health');
    if (!health.body.docker) throw new Error('Docker does not answer');
    console.log(`server ${server.url}: ${health.body.workers} workers, boxes per submission ${BOXES}, ${os.availableParallelism()} CPUs`);

    // Candidates, each with a socket that records when its `done` events arrive.
    const doneAt = new Map<string, number>();
    const seats: { client: ApiClient; versionId: string }[] = [];
    for (let i = 0; i <= CANDIDATES; i++) {
      const invite = await demoInvite(staff, `Bench ${i}`);
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
    const db = openStoreFile(dataDir);
    const rows = submissionRows(db, jobs.map((j) => j.id));
    const events = submissionEventCounts(db, [...new Set(rows.map((r) => r.attempt_id))]);
    db.close();
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
      `date ${new Date().toISOString().slice(0, 10)}, ${os.availableParallelism()} CPUs, ${health.body.workers} workers, boxes per submission ${BOXES}`,
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
    if (server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
