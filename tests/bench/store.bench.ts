/**
 * `npm run bench:store`: the store's own cost per submission, on SQLite and on
 * PostgreSQL (Debian's, a throw-away cluster with fsync on, as in
 * production), without Docker: for each of N submissions the calls the
 * server makes around one judged submission — create it, ask its queue
 * position, claim it, renew its lease once, complete it, read it back as the
 * candidate's page does, list the attempt's submissions. Prints statements,
 * transactions and milliseconds per submission (the store's own count and
 * clock), and the wall time.
 *
 * Knobs: BENCH_SUBMISSIONS (500).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalPostgres } from '../../server/src/grown/index.ts';
import { PostgresStore, SqliteStore, type AttemptId } from '../../server/src/store/index.ts';

const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 500);
const SOURCE = 'import sys\nprint(sum(int(x) for x in sys.stdin.read().split()))\n'.repeat(20);

type BenchStore = SqliteStore | PostgresStore;

function ok<T>(outcome: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.value;
}

async function measure(name: string, store: BenchStore): Promise<void> {
  const org = ok(await store.createOrganisation({ name: 'Bench', slug: `bench-${randomUUID().slice(0, 8)}` }));
  const version = ok(await store.publishChallengeVersion(org.id, { slug: 'sum', title: 'Sum', data: Buffer.from('sum') }));
  const assessment = ok(
    await store.createAssessment(org.id, {
      title: 'Bench',
      challengeIds: [version.challenge.id],
      timeLimitMinutes: 600,
      opensAt: new Date(Date.now() - 60_000),
      closesAt: new Date(Date.now() + 86_400_000),
      resultsVisibility: 'none',
    }),
  );
  const attempts: AttemptId[] = [];
  for (let i = 0; i < 50; i++) attempts.push(ok(await store.startAttempt(org.id, ok(await store.createInvite(org.id, assessment.id)).invite.id)).attempt.id);

  const before = { ...store.stats };
  const started = performance.now();
  for (let i = 0; i < SUBMISSIONS; i++) {
    const attemptId = attempts[i % attempts.length]!;
    const id = randomUUID();
    ok(await store.createSubmission(attemptId, { id, challengeVersionId: version.version.id, kind: 'submit', language: 'python', source: SOURCE }));
    await store.queuePosition(attemptId, id);
    const job = (await store.claimNext('bench:1', new Date()))!;
    await store.renewLease(job, new Date());
    await store.complete(job, { verdict: 'accepted', score: 100, tests: Array.from({ length: 20 }, (_, t) => ({ id: `t${t}`, verdict: 'accepted', timeMs: 30, memoryKb: 4000 })) });
    await store.getSubmission({ attemptId }, id);
    await store.listSubmissionsPage({ attemptId }, { limit: 20, maxBytes: 1024 * 1024 });
  }
  const wall = performance.now() - started;
  const statements = (store.stats.statements - before.statements) / SUBMISSIONS;
  const transactions = (store.stats.transactions - before.transactions) / SUBMISSIONS;
  const storeMs = (store.stats.ms - before.ms) / SUBMISSIONS;
  console.log(
    `${name.padEnd(11)} ${SUBMISSIONS} submissions: ${statements.toFixed(1)} statements and ${transactions.toFixed(1)} transactions each; ` +
      `${storeMs.toFixed(2)} ms in statements, ${(wall / SUBMISSIONS).toFixed(2)} ms wall per submission`,
  );
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kodbro-bench-store-'));
  chmodSync(dir, 0o755);
  const linkKey = randomBytes(32);
  try {
    const sqlite = new SqliteStore({ dataDir: path.join(dir, 'sqlite'), linkKey });
    await measure('SQLite', sqlite);
    await sqlite.close();

    const postgres = await startLocalPostgres({ dir: path.join(dir, 'postgres'), durable: true });
    try {
      const store = await PostgresStore.open({ url: await postgres.createDatabase('bench'), linkKey });
      await measure('PostgreSQL', store);
      await store.close();
    } finally {
      await postgres.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
