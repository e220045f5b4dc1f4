/**
 * Drafts' validations go through the durable queue, across real processes
 * (`npm start`'s process, one worker, real Docker, the SQLite file read
 * beside it):
 *  - a validation stopped by SIGTERM is released back to the queue (its try
 *    not charged) and a restarted server on the same folder finishes it
 *    `passed`, without anyone pressing Validate again;
 *  - candidates first: with one worker busy, a validation queued before a
 *    candidate's submission is taken after it.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ApiClient, demoInvite, newId, PY_LOG_AGGREGATION, type SpawnedServer } from '../support/server.ts';
import { serverProcesses, until } from '../support/processes.ts';
import { openStoreFile } from './store-db.ts';

const ACCEPTED = readFileSync(PY_LOG_AGGREGATION, 'utf8');
const SUM = 'a, b = map(int, input().split())\nprint(a + b)\n';
/** Slow but well within the time limit (3 s CPU, 5 s wall): 1.5 s of sleep per test. */
const SLOW_SUM = `import time\ntime.sleep(1.5)\n${SUM}`;

const { spawn, freshDir } = serverProcesses({ dirPrefix: 'kodbro-valqueue-', env: { KODBRO_WORKERS: '1', KODBRO_LOG_LEVEL: 'info' } });

async function query<T>(dataDir: string, sql: string, ...params: unknown[]): Promise<T | undefined> {
  const db = await openStoreFile(dataDir);
  try {
    return await db.get<T>(sql, ...params);
  } finally {
    await db.close();
  }
}

interface JobRow {
  status: string;
  tries: number;
  workerId: string | null;
  updatedAt: number;
}
const validationJob = (dataDir: string, draftId: string) =>
  query<JobRow>(dataDir, 'SELECT status, tries, worker_id AS "workerId", updated_at AS "updatedAt" FROM validation_jobs WHERE draft_id = ? ORDER BY created_at DESC LIMIT 1', draftId);
const submission = (dataDir: string, id: string) =>
  query<{ status: string; startedAt: number | null; finishedAt: number | null }>(dataDir, 'SELECT status, started_at AS "startedAt", finished_at AS "finishedAt" FROM submissions WHERE id = ?', id);

const draftDoc = (accepted: string) => ({
  title: { en: 'Queued sum' },
  statements: { en: '# Queued sum\n\nPrint the sum of two integers.\n' },
  languages: ['python'],
  starters: { python: 'a, b = map(int, input().split())\n' },
  limits: { timeMs: 3000 },
  checker: { type: 'tokens' },
  samples: [{ name: '1', input: '1 2\n', answer: '3\n' }],
  groups: [{ id: 'all', points: 100, tests: [{ name: '1', input: '2 2\n', answer: '4\n' }, { name: '2', input: '1000000 1\n', answer: '1000001\n' }] }],
  solutions: [
    { name: 'accepted.py', source: accepted, expect: 'accepted' },
    { name: 'wrong.py', source: 'a, b = map(int, input().split())\nprint(a - b)\n', expect: 'wrong_answer' },
  ],
});

/** A signed-in author with a saved draft of `accepted` as the reference solution. */
async function authorWithDraft(url: string, accepted: string): Promise<{ staff: ApiClient; draftId: string }> {
  const staff = new ApiClient(url);
  await staff.login();
  const created = await staff.post('/api/challenge-drafts', { slug: `queued-${newId().slice(0, 8)}` });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const saved = await staff.put(`/api/challenge-drafts/${created.body.id}`, { revision: 1, draft: draftDoc(accepted) });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  return { staff, draftId: created.body.id as string };
}

async function validationOf(staff: ApiClient, draftId: string): Promise<{ status: string; [key: string]: unknown }> {
  const polled = await staff.get(`/api/challenge-drafts/${draftId}/validation`);
  expect(polled.status).toBe(200);
  return polled.body.validation;
}

/** pino JSON lines of a process's output, in order. */
const logOf = (server: SpawnedServer) =>
  server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg?: string; submissionId?: string; draftId?: string; status?: string });

describe('validations in the durable queue', () => {
  it('survives a restart: stopped mid-way it goes back in the queue untried, and the next process finishes it passed without a second Validate', async () => {
    const dataDir = freshDir();
    const first = await spawn(dataDir, { KODBRO_SHUTDOWN_GRACE_MS: '500' });
    const { staff, draftId } = await authorWithDraft(first.url, SLOW_SUM);
    const pressed = await staff.post(`/api/challenge-drafts/${draftId}/validate`);
    expect(pressed.status, JSON.stringify(pressed.body)).toBe(202);
    expect(pressed.body.validation).toMatchObject({ status: 'running', revision: 2 });

    await until('the validation job running', 60_000, async () => (await validationJob(dataDir, draftId))?.status === 'running');
    await sleep(2000); // mid-way: the slow reference solution sleeps 1.5 s on each of its tests
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(await validationJob(dataDir, draftId)).toMatchObject({ status: 'queued', tries: 0, workerId: null });
    expect(logOf(first).filter((l) => l.msg === 'validation stopped: back in the queue, this try not charged' && l.draftId === draftId)).toHaveLength(1);
    expect(first.output()).not.toMatch(/not open/i);

    const second = await spawn(dataDir);
    const author = new ApiClient(second.url);
    await author.login();
    // Nobody presses Validate again: the queued job is taken by the new process's worker.
    const finished = await until('the validation finished', 180_000, async () => {
      const validation = await validationOf(author, draftId);
      return validation.status !== 'running' && validation;
    });
    expect(finished, JSON.stringify(finished)).toMatchObject({
      status: 'passed',
      revision: 2,
      startedAt: pressed.body.validation.startedAt,
      solutions: [
        { name: 'accepted.py', expect: 'accepted', got: 'accepted', samples: 'accepted', ok: true },
        { name: 'wrong.py', expect: 'wrong_answer', got: 'wrong_answer', ok: true },
      ],
    });
    expect(await validationJob(dataDir, draftId)).toMatchObject({ status: 'done', tries: 1, workerId: null });
    // Logged just after the store said so: the line may still be on its way through stdout.
    await until('the worker’s log line', 10_000, async () => logOf(second).some((l) => l.msg === 'draft validated'));
    expect(logOf(second).filter((l) => l.msg === 'draft validated' && l.draftId === draftId)).toHaveLength(1);
    expect((await author.post(`/api/challenge-drafts/${draftId}/publish`)).status).toBe(201);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('takes a candidate’s submission before a validation queued earlier, with the one worker busy', async () => {
    const dataDir = freshDir();
    const server = await spawn(dataDir);
    const { staff, draftId } = await authorWithDraft(server.url, SUM);

    const invite = await demoInvite(staff, 'Queued behind nobody');
    const candidate = new ApiClient(server.url);
    await candidate.openInvite({ token: invite.token });
    const start = await candidate.post('/api/candidate/attempt/start');
    expect(start.status).toBe(200);
    const challenges: { challengeVersionId: string; title: string }[] = start.body.assessment.challenges;
    const task = challenges.find((c) => /log/i.test(c.title)) ?? challenges[0]!;
    const submit = async (source: string) => {
      const id = newId();
      const response = await candidate.post('/api/candidate/submissions', { id, challengeVersionId: task.challengeVersionId, kind: 'samples', language: 'python', source });
      expect(response.status, JSON.stringify(response.body)).toBe(202);
      return id;
    };

    // The worker is busy with a slow run (1.5 s on each sample)…
    const holder = await submit(`import time\ntime.sleep(1.5)\n${ACCEPTED}`);
    await until('the slow run taking the worker', 60_000, async () => (await submission(dataDir, holder))?.status === 'running');
    // …when an author asks for a validation, and then a candidate runs the samples.
    const pressed = await staff.post(`/api/challenge-drafts/${draftId}/validate`);
    expect(pressed.status, JSON.stringify(pressed.body)).toBe(202);
    await sleep(200);
    const later = await submit(ACCEPTED);
    expect((await submission(dataDir, holder))?.status, 'the slow run was still running when both were queued').toBe('running');
    expect((await validationJob(dataDir, draftId))?.status).toBe('queued');

    const finished = await until('the validation finished', 180_000, async () => {
      const validation = await validationOf(staff, draftId);
      return validation.status !== 'running' && validation;
    });
    expect(finished.status, JSON.stringify(finished)).toBe('passed');
    await until('the candidate’s run judged', 60_000, async () => (await submission(dataDir, later))?.status === 'done');

    const held = (await submission(dataDir, holder))!;
    const run = (await submission(dataDir, later))!;
    const job = (await validationJob(dataDir, draftId))!;
    // One worker: the candidate's run started after the slow one and finished before the validation was done.
    expect(run.startedAt!).toBeGreaterThanOrEqual(held.finishedAt!);
    expect(job.updatedAt).toBeGreaterThanOrEqual(run.finishedAt!);
    // The API can say "passed" before the log line has come through the process's stdout.
    const order = () =>
      logOf(server)
        .filter((l) => (l.msg === 'judged' && l.submissionId === later) || (l.msg === 'draft validated' && l.draftId === draftId))
        .map((l) => l.msg);
    await until('both lines logged', 10_000, async () => order().length >= 2);
    expect(order()).toEqual(['judged', 'draft validated']);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});
