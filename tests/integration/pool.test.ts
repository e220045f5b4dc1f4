/**
 * The warm-box pool against the real Docker engine: a take hands over a
 * started box with its runner waiting, never the same box twice; the pool
 * refills in the background, and closing it removes every idle box.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { judgeSubmission } from '../../server/src/judge/index.ts';
import { createBoxPool, createSpareBox, imageFor, listSandboxContainers, type BoxPool } from '../../server/src/sandbox/index.ts';
import { docker, expectDockerClean, judgeDeps, judged, loadPackage, SUM_PACKAGE } from '../support/sandbox.ts';

const MEMORY_MB = 256;
let pool: BoxPool | undefined;

afterEach(async () => {
  await pool?.close();
  pool = undefined;
  await expectDockerClean();
});

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(50);
  }
}

const params = async (deadlineInMs = 20_000) => ({ image: await imageFor('python'), memoryMb: MEMORY_MB, deadline: Date.now() + deadlineInMs, purpose: 'run' as const });

describe('the warm-box pool', () => {
  it('fills after the first take, hands out each box once, and refills behind every take', async () => {
    pool = createBoxPool(docker, { perImage: 2 });
    const image = await imageFor('python');
    expect(pool.idle()).toEqual({});

    const cold = await pool.take(await params());
    await until(() => pool!.idle()[image] === 2);
    const idleIds = new Set((await listSandboxContainers(docker, { ownOnly: true })).map((c) => c.Id).filter((id) => id !== cold.id));
    expect(idleIds.size).toBe(2);

    const started = performance.now();
    const warm = await pool.take(await params());
    const tookMs = performance.now() - started;
    expect(idleIds.has(warm.id)).toBe(true);
    expect(tookMs).toBeLessThan(1000);
    // Started, with its runner waiting: the first command costs no container start and no exec.
    const run = await warm.exec({ argv: ['python3', '-c', 'print(6 * 7)'], wallTimeMs: 10_000, stdoutLimit: 1024, stderrLimit: 1024 });
    expect(run.stdout.toString()).toBe('42\n');

    await until(() => pool!.idle()[image] === 2);
    const second = await pool.take(await params());
    expect([cold.id, warm.id]).not.toContain(second.id);
    await Promise.all([cold, warm, second].map((box) => box.destroy()));

    await pool.close();
    expect(await listSandboxContainers(docker, { ownOnly: true })).toEqual([]);
  });

  it('keeps boxes per memory cap, and makes a new box when no warm one lives long enough for the caller', async () => {
    pool = createBoxPool(docker, { perImage: 1, lifetimeMs: 60_000 });
    const image = await imageFor('python');
    await (await pool.take(await params())).destroy();
    await until(() => pool!.idle()[image] === 1);
    const [idle] = await listSandboxContainers(docker, { ownOnly: true });

    const long = await pool.take(await params(10 * 60_000));
    expect(long.id).not.toBe(idle?.Id);
    await long.destroy();

    // Another cap is another pool: a box made for it, never a warm box of another cap changed in place.
    const bigger = await pool.take({ ...(await params()), memoryMb: 512 });
    expect(bigger.id).not.toBe(idle?.Id);
    expect((await docker.getContainer(bigger.id).inspect()).HostConfig.Memory).toBe(512 * 1024 * 1024);
    await bigger.destroy();
    await until(() => pool!.idle()[image] === 2);

    const same = await pool.take(await params());
    expect(same.id).toBe(idle?.Id);
    expect((await docker.getContainer(same.id).inspect()).HostConfig.Memory).toBe(MEMORY_MB * 1024 * 1024);
    await same.destroy();
  });

  it('a taken box follows its judgement’s signal: an abort removes it', async () => {
    pool = createBoxPool(docker, { perImage: 1 });
    const image = await imageFor('python');
    await (await pool.take(await params())).destroy();
    await until(() => pool!.idle()[image] === 1);
    const control = new AbortController();
    const box = await pool.take(await params(), { signal: control.signal });
    const running = box.exec({ argv: ['sleep', '30'], wallTimeMs: 60_000, stdoutLimit: 1024, stderrLimit: 1024 });
    await sleep(300);
    control.abort(new Error('stop'));
    await expect(running).rejects.toThrow();
    await until(async () => !(await listSandboxContainers(docker, { ownOnly: true })).some((c) => c.Id === box.id), 10_000);
  });

  it('a spare box (the CLI’s) is started before it is asked for, handed out once, and then follows its taker’s signal', async () => {
    const making = new AbortController();
    pool = createSpareBox(docker, params(60_000), making.signal);
    await until(async () => (await listSandboxContainers(docker, { ownOnly: true })).length === 1);
    const [spare] = await listSandboxContainers(docker, { ownOnly: true });
    const control = new AbortController();
    const box = await pool.take(await params(), { signal: control.signal });
    expect(box.id).toBe(spare?.Id);
    const other = await pool.take(await params());
    expect(other.id).not.toBe(box.id);
    await other.destroy();
    // The making's signal no longer reaches it; the taker's does.
    making.abort(new Error('the CLI is done making'));
    const run = await box.exec({ argv: ['python3', '-c', 'print(6 * 7)'], wallTimeMs: 10_000, stdoutLimit: 1024, stderrLimit: 1024 });
    expect(run.stdout.toString()).toBe('42\n');
    const running = box.exec({ argv: ['sleep', '30'], wallTimeMs: 60_000, stdoutLimit: 1024, stderrLimit: 1024 });
    await sleep(300);
    control.abort(new Error('stop'));
    await expect(running).rejects.toMatchObject({ code: 'aborted' });
    await until(async () => (await listSandboxContainers(docker, { ownOnly: true })).length === 0, 10_000);
  });

  it('a spare box nobody took is removed on close', async () => {
    pool = createSpareBox(docker, params(60_000), new AbortController().signal);
    await until(async () => (await listSandboxContainers(docker, { ownOnly: true })).length === 1);
    await pool.close();
    pool = undefined;
    expect(await listSandboxContainers(docker, { ownOnly: true })).toEqual([]);
  });

  it('judges through the pool as without it', async () => {
    pool = createBoxPool(docker, { perImage: 1 });
    const challenge = await loadPackage(SUM_PACKAGE);
    const deps = { ...judgeDeps(), boxes: pool };
    for (let i = 0; i < 3; i++) {
      const result = judged(await judgeSubmission(challenge, { language: 'python', source: 'input()\nprint(sum(map(int, input().split())))\n' }, deps));
      expect(result.verdict).toBe('accepted');
    }
  });
});
