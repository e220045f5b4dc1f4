import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import type { Store } from '../../server/src/store/index.ts';
import { ok } from './store.suite.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/**
 * 400 queued jobs, four worker processes (claim-worker.ts) claiming them at
 * once from the same database (`target`: a SQLite data folder or a
 * PostgreSQL URL): every job claimed and completed exactly once, every
 * process took a share, and the queue ends empty.
 */
export async function expectExactlyOnceAcrossProcesses(store: Store, target: string): Promise<void> {
  const org = ok(await store.createOrganisation({ name: 'Load', slug: 'load' }));
  const version = ok(await store.publishChallengeVersion(org.id, { slug: 'sum', title: 'Sum', data: Buffer.from('sum') }));
  const assessment = ok(
    await store.createAssessment(org.id, {
      title: 'Load',
      challengeIds: [version.challenge.id],
      timeLimitMinutes: 60,
      opensAt: new Date(Date.now() - 60_000),
      closesAt: new Date(Date.now() + 3_600_000),
      resultsVisibility: 'none',
    }),
  );
  const ids = new Set<string>();
  for (let candidate = 0; candidate < 40; candidate++) {
    const invite = ok(await store.createInvite(org.id, assessment.id)).invite;
    const attempt = ok(await store.startAttempt(org.id, invite.id)).attempt;
    for (let i = 0; i < 10; i++) {
      const id = randomUUID();
      ok(await store.createSubmission(attempt.id, { id, challengeVersionId: version.version.id, kind: 'submit', language: 'python', source: `print(${i})` }));
      ids.add(id);
    }
  }

  // The workers start together once all have had time to load (tsx takes about half a second).
  const startAt = String(Date.now() + 4000);
  const workers = await Promise.all(
    ['p1', 'p2', 'p3', 'p4'].map(async (workerId) => {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'tests/store/claim-worker.ts', target, workerId, startAt], { cwd: REPO_ROOT });
      return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { claimed: string[]; completed: string[] };
    }),
  );
  const claimed = workers.flatMap((w) => w.claimed);
  const completed = workers.flatMap((w) => w.completed);
  expect(claimed).toHaveLength(ids.size);
  expect(new Set(claimed)).toEqual(ids);
  expect(completed).toHaveLength(ids.size);
  // They really did compete: every process took a share.
  for (const worker of workers) expect(worker.claimed.length).toBeGreaterThan(0);
  expect(await store.queueDepth()).toEqual({ queued: 0, delayed: 0, running: 0 });
}
