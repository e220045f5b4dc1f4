/**
 * A system error is the system's, never the candidate's: judging that fails
 * for the system's reasons (a custom checker that crashes; the Docker daemon
 * losing a box mid-run) ends that judgement at once and is handed back to the
 * queue, tried again after a backoff, and marked failed after the last try.
 * The queue is the only layer that retries: the judge runs once per try, so
 * the candidate sees exactly KODBRO_MAX_TRIES judgements start (`compiling`,
 * watched on sample runs, whose progress is live) and never a `retrying`
 * inside one. The candidate sees "could not be
 * judged"; staff see the reason.
 */
import { cp, mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { listSandboxContainers } from '../../server/src/sandbox/index.ts';
import { docker, REPO_ROOT } from '../support/sandbox.ts';
import { ApiClient, connected, demoInvite, newId, packageTarGz, startTestServer, waitForResult, type TestServer } from '../support/server.ts';

const MAX_TRIES = 2;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ KODBRO_MAX_TRIES: String(MAX_TRIES) });
}, 120_000);
afterAll(async () => server?.stop());

/** The sum fixture with a custom checker that always crashes. */
async function brokenCheckerPackage(): Promise<Buffer> {
  const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'kodbro-broken-')), 'broken-sum');
  await cp(path.join(REPO_ROOT, 'tests/fixtures/packages/sum'), dir, { recursive: true });
  const manifest = (await readFile(path.join(dir, 'kodbro.yaml'), 'utf8')).replace('id: sum', 'id: broken-sum');
  await writeFile(path.join(dir, 'kodbro.yaml'), `${manifest}checker:\n  type: custom\n  source: checker/checker.py\n`);
  await mkdir(path.join(dir, 'checker'));
  await writeFile(path.join(dir, 'checker/checker.py'), 'import sys\nprint("checker exploded", file=sys.stderr)\nsys.exit(7)\n');
  return packageTarGz(dir);
}

describe('system errors', () => {
  it('are retried with backoff, then marked failed; the candidate is never blamed', async () => {
    const staff = new ApiClient(server.url);
    await staff.login();
    const published = await staff.request('POST', '/api/challenges', { rawBody: await brokenCheckerPackage(), contentType: 'application/gzip' });
    expect(published.status).toBe(201);
    const now = Date.now();
    const assessment = await staff.post('/api/assessments', {
      title: 'Broken checker',
      challengeIds: [published.body.challenge.id],
      timeLimitMinutes: 30,
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 3_600_000).toISOString(),
      resultsVisibility: 'samples',
    });
    expect(assessment.status).toBe(201);
    const invite = await staff.post(`/api/assessments/${assessment.body.id}/invites`, { candidateName: 'Unlucky' });

    const candidate = new ApiClient(server.url);
    await candidate.openInvite({ token: invite.body.token });
    const started = await candidate.post('/api/candidate/attempt/start');
    const versionId = started.body.assessment.challenges[0].challengeVersionId;
    const socket = candidate.socket();
    const stages: string[] = [];
    socket.on('submission:progress', (event: { stage: string }) => stages.push(event.stage));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });

    const id = newId();
    const submitted = await candidate.post('/api/candidate/submissions', {
      id,
      challengeVersionId: versionId,
      // A sample run: its progress reaches the candidate live, so each judgement's start is
      // seen (a hidden run's only on the tick, where a quick try can fall between two ticks).
      kind: 'samples',
      language: 'python',
      source: 'input()\nprint(sum(map(int, input().split())))\n',
    });
    expect(submitted.status).toBe(202);
    const sentAt = Date.now();
    const final = await waitForResult(candidate, id, 120_000);
    expect(final.status).toBe('failed');
    expect(final.result).toEqual({ systemFailure: true });
    expect(JSON.stringify(final)).not.toContain('exploded');
    // The first retry waits for the backoff (2 s).
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(2000);

    const attempts = await staff.get(`/api/assessments/${assessment.body.id}/attempts`);
    const detail = await staff.get(`/api/attempts/${attempts.body.attempts[0].id}`);
    const row = detail.body.submissions.find((s: { id: string }) => s.id === id);
    expect(row).toMatchObject({ status: 'failed', tries: MAX_TRIES });
    expect(row.error).toMatch(/checker/i);

    // Queued, re-queued after the first failure, then failed: the candidate saw it wait, not fail, in between.
    await expect.poll(() => stages.at(-1)).toBe('failed');
    expect(stages.filter((s) => s === 'queued').length).toBeGreaterThanOrEqual(2);
    // One judgement per try of the queue's, none retried inside.
    expect(stages.filter((s) => s === 'compiling')).toHaveLength(MAX_TRIES);
    expect(stages).not.toContain('retrying');
    socket.close();
  });

  it('a sandbox fault ends the judgement at once; only the queue tries again, KODBRO_MAX_TRIES times in all', async () => {
    const staff = new ApiClient(server.url);
    await staff.login();
    const invite = await demoInvite(staff, 'Lost boxes');
    const candidate = new ApiClient(server.url);
    await candidate.openInvite({ token: invite.token });
    const started = await candidate.post('/api/candidate/attempt/start');
    const challengeVersionId = started.body.assessment.challenges[0].challengeVersionId as string;
    const socket = candidate.socket();
    const stages: string[] = [];
    socket.on('submission:progress', (event: { stage: string }) => stages.push(event.stage));
    await connected(socket);

    // Docker loses every box this server opens, a moment after it appears (the server runs in this process).
    // Each removal goes on its own and a failed listing is tried again: under load one removal can take seconds,
    // and a remover waiting for it let the next box live to its wall clock (a time limit, 'done').
    const removed = new Set<string>();
    const removals: Promise<unknown>[] = [];
    let watching = true;
    const remover = (async () => {
      while (watching) {
        for (const box of await listSandboxContainers(docker, { ownOnly: true }).catch(() => [])) {
          if (removed.has(box.Id)) continue;
          removed.add(box.Id);
          // Not removed (the server's own removal was under way, say): tried again while it is listed.
          removals.push(docker.getContainer(box.Id).remove({ force: true }).catch(() => removed.delete(box.Id)));
        }
        await sleep(100);
      }
      await Promise.allSettled(removals);
    })();

    const id = newId();
    const submitted = await candidate.post('/api/candidate/submissions', {
      id,
      challengeVersionId,
      // A sample run: its progress reaches the candidate live, so each judgement's start is
      // seen (a hidden run's only on the tick, where a quick try can fall between two ticks).
      kind: 'samples',
      language: 'python',
      source: 'import time\ntime.sleep(600)\n',
    });
    expect(submitted.status).toBe(202);
    const final = await waitForResult(candidate, id, 120_000).finally(async () => {
      watching = false;
      await remover;
    });
    expect(final.status, JSON.stringify(final.result)).toBe('failed');
    expect(final.result).toEqual({ systemFailure: true });

    await expect.poll(() => stages.at(-1)).toBe('failed');
    // Exactly one judgement started per try: the judge never started over by itself.
    expect(stages).not.toContain('retrying');
    expect(stages.filter((s) => s === 'compiling')).toHaveLength(MAX_TRIES);

    const attempts = await staff.get(`/api/assessments/${invite.assessmentId}/attempts`);
    const mine = attempts.body.attempts.find((a: { inviteId: string }) => a.inviteId === invite.inviteId);
    const detail = await staff.get(`/api/attempts/${mine.id}`);
    const row = detail.body.submissions.find((s: { id: string }) => s.id === id);
    expect(row).toMatchObject({ status: 'failed', tries: MAX_TRIES });
    expect(row.error).toMatch(/Docker|sandbox/);
    socket.close();
  });
});
