/**
 * Warm boxes in the real server (KODBRO_WARM_BOXES): after a language's first
 * judgement the worker pool keeps that many pre-started boxes of its image
 * and memory cap; each judgement takes one, which is removed after it and
 * replaced, never reused. On SIGTERM the warm boxes go with the process; after
 * a SIGKILL the next start reaps them (their owner is gone).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { LABEL_OWNER, listSandboxContainers } from '../../server/src/sandbox/index.ts';
import { docker } from '../support/sandbox.ts';
import { ApiClient, demoInvite, newId, PY_LOG_AGGREGATION, waitForResult } from '../support/server.ts';
import { serverProcesses, until } from '../support/processes.ts';

const ACCEPTED = readFileSync(PY_LOG_AGGREGATION, 'utf8');
const WARM = 2;
const { spawn, freshDir } = serverProcesses({ dirPrefix: 'kodbro-warm-', env: { KODBRO_WORKERS: '1', KODBRO_WARM_BOXES: String(WARM) } });

const containersOf = async (pid: number | undefined) =>
  (await listSandboxContainers(docker)).filter((c) => c.Labels?.[LABEL_OWNER] === `${os.hostname()}:${pid}`).map((c) => c.Id);

async function candidateOn(url: string) {
  const staff = new ApiClient(url);
  await staff.login();
  const invite = await demoInvite(staff, 'Warm');
  const client = new ApiClient(url);
  await client.openInvite({ token: invite.token });
  const start = await client.post('/api/candidate/attempt/start');
  const challenge = (start.body.assessment.challenges as { challengeVersionId: string; title: string }[]).find((c) => /log/i.test(c.title))!;
  return async () => {
    const id = newId();
    expect((await client.post('/api/candidate/submissions', { id, challengeVersionId: challenge.challengeVersionId, kind: 'submit', language: 'python', source: ACCEPTED })).status).toBe(202);
    const result = await waitForResult(client, id, 120_000);
    expect(result.result?.verdict).toBe('accepted');
  };
}

describe('warm boxes in the server', () => {
  it('fills after the first judgement, hands each box to one judgement only, and leaves with the process', async () => {
    const dataDir = freshDir();
    const server = await spawn(dataDir);
    const submit = await candidateOn(server.url);
    expect(await containersOf(server.child.pid)).toEqual([]);

    await submit();
    await until('the warm boxes to be made', 60_000, async () => (await containersOf(server.child.pid)).length === WARM);
    const warm = await containersOf(server.child.pid);

    await submit();
    await until('the taken box to be replaced', 60_000, async () => (await containersOf(server.child.pid)).length === WARM);
    const after = await containersOf(server.child.pid);
    // One warm box was taken, judged in and removed; a new one stands in for it.
    expect(after.filter((id) => warm.includes(id))).toHaveLength(WARM - 1);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(await containersOf(server.child.pid)).toEqual([]);
  });

  it('a killed process’s warm boxes do not outlive the next start', async () => {
    const dataDir = freshDir();
    const first = await spawn(dataDir);
    await (await candidateOn(first.url))();
    await until('the warm boxes to be made', 60_000, async () => (await containersOf(first.child.pid)).length === WARM);
    first.child.kill('SIGKILL');
    await first.exited;
    // Not counted as WARM: another test file's server on this Docker, run beside this one, may reap the dead
    // owner's boxes before the restart below does. None may be left afterwards, whoever reaps them.
    expect((await containersOf(first.child.pid)).length).toBeLessThanOrEqual(WARM);

    const second = await spawn(dataDir);
    await until('the dead owner’s boxes to be reaped', 30_000, async () => (await containersOf(first.child.pid)).length === 0, 500);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
