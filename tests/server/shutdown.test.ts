/**
 * Shutdown, across real processes: `npm start`'s process (one worker) gets
 * SIGTERM while it judges.
 *
 * When the grace time runs out (2 s here, the submission sleeps far longer):
 *  - the process exits 0 within the grace time and a few seconds;
 *  - no labelled container of it is left (the judge removed them on abort);
 *  - the submission is back in the queue: `status = 'queued'`, `tries` as
 *    before the claim (0), read from the SQLite file itself;
 *  - the log names the re-queued submission, and nothing touched the store
 *    after it closed (no "database connection is not open" anywhere);
 *  - a restarted server judges it exactly once (one `judged` line, tries 1,
 *    accepted).
 * When the running job finishes within the grace time, it is stored as it
 * is: done on its first try, not re-queued.
 *
 * The submission sleeps only while the clock is before a gate a little in the
 * future, so the same source is slow for the first server and quick for the
 * restarted one.
 *
 * A server signalled the moment it prints its banner stops as cleanly: its
 * handlers are in place before it says it runs.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { LABEL_OWNER, listSandboxContainers } from '../../server/src/sandbox/index.ts';
import { docker } from '../support/sandbox.ts';
import { ApiClient, demoInvite, newId, PY_LOG_AGGREGATION, spawnServer, type SpawnedServer } from '../support/server.ts';
import { serverProcesses, until } from '../support/processes.ts';
import { openStoreFile } from './store-db.ts';

const ACCEPTED = readFileSync(PY_LOG_AGGREGATION, 'utf8');
const GRACE_MS = 2000;
/** "A few seconds" after the grace time for stopping a judgement, closing the store and exiting, on a busy machine. */
const EXIT_SLACK_MS = 6000;

const { spawn, freshDir } = serverProcesses({ dirPrefix: 'kodbro-shutdown-', env: { KODBRO_WORKERS: '1', KODBRO_LOG_LEVEL: 'info' } });

const containersOf = async (pid: number | undefined) =>
  (await listSandboxContainers(docker)).filter((c) => c.Labels?.[LABEL_OWNER] === `${os.hostname()}:${pid}`);

/** A candidate of the demo assessment with a started attempt; submits to its first challenge. */
async function candidateOn(url: string, name: string) {
  const staff = new ApiClient(url);
  await staff.login();
  const invite = await demoInvite(staff, name);
  const client = new ApiClient(url);
  await client.openInvite({ token: invite.token });
  const start = await client.post('/api/candidate/attempt/start');
  expect(start.status).toBe(200);
  const challenges: { challengeVersionId: string; title: string }[] = start.body.assessment.challenges;
  const logAggregation = challenges.find((c) => /log/i.test(c.title)) ?? challenges[0]!;
  return {
    async submit(kind: 'submit' | 'samples', source: string): Promise<string> {
      const id = newId();
      const response = await client.post('/api/candidate/submissions', { id, challengeVersionId: logAggregation.challengeVersionId, kind, language: 'python', source });
      expect(response.status).toBe(202);
      return id;
    },
  };
}

/** SIGTERM, then how long the process took to exit and with what. */
async function terminate(server: SpawnedServer): Promise<{ code: number | null; ms: number }> {
  const at = performance.now();
  server.child.kill('SIGTERM');
  const code = await server.exited;
  return { code, ms: performance.now() - at };
}

const row = async (dataDir: string, id: string) => {
  const db = await openStoreFile(dataDir);
  try {
    return await db.get<{ status: string; tries: number; workerId: string | null; error: string | null; result: string | null }>(
      'SELECT status, tries, worker_id AS "workerId", error, result FROM submissions WHERE id = ?',
      id,
    );
  } finally {
    await db.close();
  }
};

/** pino JSON lines of a process's output that carry this message and submission. */
const logLines = (output: string, msg: string, submissionId: string) =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg?: string; submissionId?: string; requeued?: string[] })
    .filter((entry) => entry.msg === msg && (entry.submissionId === submissionId || entry.requeued?.includes(submissionId)));

describe('SIGTERM while judging', () => {
  it('past the grace time: stops the judgement, removes its containers, re-queues it untried, closes the store, exits 0; a restart judges it once', async () => {
    const dataDir = freshDir();
    const first = await spawn(dataDir, { KODBRO_SHUTDOWN_GRACE_MS: String(GRACE_MS) });
    const candidate = await candidateOn(first.url, 'Shut down');

    // Slow until the gate (the first server), an accepted solution after it (the restarted one).
    const gate = Date.now() / 1000 + 18;
    const id = await candidate.submit('submit', `import time\nif time.time() < ${gate}:\n    time.sleep(600)\n${ACCEPTED}`);
    await until('the job running in a container', 60_000, async () => (await row(dataDir, id))?.status === 'running' && (await containersOf(first.child.pid)).length > 0);
    await sleep(1000);
    expect(await row(dataDir, id)).toMatchObject({ status: 'running', tries: 1 });

    const stopped = await terminate(first);
    console.log(`SIGTERM with a ${GRACE_MS} ms grace: exited ${stopped.code} after ${Math.round(stopped.ms)} ms`);
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeGreaterThanOrEqual(GRACE_MS - 100);
    expect(stopped.ms).toBeLessThan(GRACE_MS + EXIT_SLACK_MS);
    expect(await containersOf(first.child.pid)).toEqual([]);
    expect(await row(dataDir, id)).toMatchObject({ status: 'queued', tries: 0, workerId: null, error: null, result: null });
    const output = first.output();
    expect(output).not.toMatch(/not open/i);
    expect(logLines(output, 'stopped: back in the queue, this try not charged', id)).toHaveLength(1);
    expect(logLines(output, 'jobs stopped by the shutdown are back in the queue, their tries not charged', id)).toHaveLength(1);
    expect(logLines(output, 'judged', id)).toEqual([]);

    // After the gate, a new process on the same folder judges it, once.
    await until('the gate', 60_000, () => Date.now() / 1000 > gate + 1);
    const second = await spawn(dataDir, {});
    await until('the submission judged', 120_000, async () => (await row(dataDir, id))?.status === 'done');
    const done = (await row(dataDir, id))!;
    expect(done).toMatchObject({ status: 'done', tries: 1, error: null });
    expect(JSON.parse(done.result!)).toMatchObject({ verdict: 'accepted', score: 100 });
    expect(logLines(second.output(), 'judged', id)).toHaveLength(1);

    const again = await terminate(second);
    expect(again.code).toBe(0);
    expect(second.output()).not.toMatch(/not open/i);
    expect(await containersOf(second.child.pid)).toEqual([]);
  });

  it('within the grace time: lets the running job finish and stores it as it is', async () => {
    const dataDir = freshDir();
    const server = await spawn(dataDir, { KODBRO_SHUTDOWN_GRACE_MS: '60000' });
    const candidate = await candidateOn(server.url, 'Patient');

    // The samples (three), each answered after 1.5 s of sleep: a few seconds in all.
    const id = await candidate.submit('samples', `import time\ntime.sleep(1.5)\n${ACCEPTED}`);
    await until('the job running in a container', 60_000, async () => (await row(dataDir, id))?.status === 'running' && (await containersOf(server.child.pid)).length > 0);

    const stopped = await terminate(server);
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(30_000);
    const done = (await row(dataDir, id))!;
    expect(done).toMatchObject({ status: 'done', tries: 1, error: null });
    expect(JSON.parse(done.result!)).toMatchObject({ verdict: 'accepted' });
    const output = server.output();
    expect(logLines(output, 'judged', id)).toHaveLength(1);
    expect(output).not.toMatch(/back in the queue/);
    expect(output).not.toMatch(/not open/i);
    expect(await containersOf(server.child.pid)).toEqual([]);
  });
});

describe('SIGTERM the moment the server says it runs', () => {
  it('stops it cleanly, exit 0, however soon after the banner it comes', async () => {
    // The signal goes in the very callback that reads the banner. Handlers installed only after the banner
    // was written let a signal that quick kill the process outright, now and then on a busy machine (it
    // failed tests/server/warm-boxes.test.ts once); three starts give that window three chances.
    for (let start = 0; start < 3; start++) {
      const server = await spawnServer(freshDir(), { KODBRO_WORKERS: '1' }, { signalOnBanner: 'SIGTERM' });
      expect(await server.exited).toBe(0);
    }
  });
});
