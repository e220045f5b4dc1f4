/**
 * A worker process for the multi-process queue test: opens the store on the
 * given folder, claims and completes jobs until none is left, and prints
 * what it claimed and which completions it won as one JSON line.
 *
 * Usage: node --import tsx tests/store/claim-worker.ts <dataDir | postgres://…> <workerId> <startAtMs>
 * Every worker waits until startAtMs, so they all claim at the same time.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import { PostgresStore, SqliteStore } from '../../server/src/store/index.ts';

const [target, workerId, startAt] = process.argv.slice(2);
if (!target || !workerId || !startAt) throw new Error('usage: claim-worker.ts <dataDir | postgres://…> <workerId> <startAtMs>');

const store = target.startsWith('postgres://')
  ? await PostgresStore.open({ url: target, linkKey: randomBytes(32), poolSize: 2 })
  : new SqliteStore({ dataDir: target, busyTimeoutMs: 30_000 });
await sleep(Math.max(0, Number(startAt) - Date.now()));
const claimed: string[] = [];
const completed: string[] = [];
for (;;) {
  const job = await store.claimNext(workerId, new Date());
  if (!job) break;
  claimed.push(job.submissionId);
  await sleep(1); // "judging": a real worker holds a job for a while, so the others get the lock meanwhile
  if (await store.complete(job, { by: workerId })) completed.push(job.submissionId);
}
await store.close();
process.stdout.write(`${JSON.stringify({ claimed, completed })}\n`);
