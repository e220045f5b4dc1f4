/**
 * Stopping a judgement, against the real Docker engine and runner images.
 *
 * Everything a judgement starts hangs on one AbortController, aborted by the
 * caller (the worker pool at shutdown), by the watchdog (its time budget ran
 * out) or by the first sandbox fault. Asserted for each:
 *  - the outcome says which (`aborted`, or `infrastructure_failed` with the
 *    reason), never a verdict;
 *  - every container of that judgement (run boxes and a custom checker's) is
 *    gone promptly: when the judge returns and within ~2 s of abort();
 *  - no progress event arrives after the stop;
 *  - a fault is tried once: one `compiling`, one container, no `retrying`
 *    (the queue, not the judge, decides about another try).
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { loadChallenge } from '../../server/src/challenges/index.ts';
import type { JudgeEvent } from '../../server/src/contracts/index.ts';
import { judgeSubmission } from '../../server/src/judge/index.ts';
import { LABEL_PURPOSE, listSandboxContainers } from '../../server/src/sandbox/index.ts';
import { docker, expectDockerClean, judgeDeps, loadPackage, REPO_ROOT, SUM_PACKAGE } from '../support/sandbox.ts';

/** Sleeps through every test: each would last its whole wall clock (4 s at the sum package's 1 s limit). */
const SLEEPER = 'import time\ntime.sleep(600)\n';
const ACCEPTED = 'input()\nprint(sum(map(int, input().split())))\n';
/** "Within ~2 s" as asked, with room for a busy shared machine. */
const PROMPTLY_MS = 3000;
/** How long to keep listening for stray events after the judge returned. */
const QUIET_MS = 1500;

/** This process's sandbox containers (other test processes may be judging meanwhile). */
async function ownContainers(): Promise<{ id: string; purpose: string }[]> {
  return (await listSandboxContainers(docker, { ownOnly: true })).map((c) => ({ id: c.Id, purpose: c.Labels?.[LABEL_PURPOSE] ?? '' }));
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** Progress events, with those that arrive after `stopListening()` kept apart. */
function eventLog() {
  const events: JudgeEvent[] = [];
  const late: JudgeEvent[] = [];
  let listening = true;
  return {
    events,
    late,
    onEvent: (event: JudgeEvent) => (listening ? events : late).push(event),
    stopListening: () => {
      listening = false;
    },
  };
}

describe('stopping a judgement', () => {
  afterAll(expectDockerClean);

  it('abort() mid-run: its containers are gone within ~2 s, no event follows, the outcome is aborted', async () => {
    const challenge = await loadPackage(SUM_PACKAGE);
    const controller = new AbortController();
    const log = eventLog();
    const judging = judgeSubmission(challenge, { language: 'python', source: SLEEPER }, judgeDeps({ boxesPerSubmission: 2 }), {
      onEvent: log.onEvent,
      signal: controller.signal,
    });

    // Both boxes are open and their first tests are sleeping inside them.
    const boxes = await until('two running boxes', 60_000, async () => {
      const own = await ownContainers();
      return own.length === 2 && log.events.some((e) => e.type === 'testing') ? own : undefined;
    });
    await sleep(500);

    const abortedAt = performance.now();
    controller.abort(new Error('the test says stop'));
    log.stopListening();
    const outcome = await judging;
    const returnedMs = performance.now() - abortedAt;
    const left = await ownContainers();
    const goneMs = performance.now() - abortedAt;

    console.log(`abort: judge returned after ${Math.round(returnedMs)} ms, containers gone by ${Math.round(goneMs)} ms`);
    expect(outcome).toEqual({ kind: 'aborted', reason: 'the test says stop' });
    expect(left.filter((c) => boxes.some((b) => b.id === c.id))).toEqual([]);
    expect(returnedMs).toBeLessThan(PROMPTLY_MS);
    expect(goneMs).toBeLessThan(PROMPTLY_MS);
    expect(log.events[0]).toEqual({ type: 'compiling' });
    expect(log.events.some((e) => e.type === 'done')).toBe(false);
    await sleep(QUIET_MS);
    expect(log.late).toEqual([]);
  });

  it('the watchdog: a run stuck past its budget ends as an infrastructure failure, containers removed, silent after', async () => {
    const challenge = await loadPackage(SUM_PACKAGE);
    const log = eventLog();
    const budgetMs = 3000;
    const seen = new Set<string>();
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        for (const c of await ownContainers()) seen.add(c.id);
        await sleep(100);
      }
    })();

    const started = performance.now();
    const outcome = await judgeSubmission(challenge, { language: 'python', source: SLEEPER }, judgeDeps(), { onEvent: log.onEvent, budgetMs });
    const tookMs = performance.now() - started;
    log.stopListening();
    watching = false;
    await watcher;

    expect(outcome.kind).toBe('infrastructure_failed');
    expect(outcome.kind !== 'judged' && outcome.reason).toMatch(/^Judging took longer than its 3 s budget; last sandbox steps: .*exec/);
    expect(tookMs).toBeLessThan(budgetMs + PROMPTLY_MS);
    expect(seen.size).toBeGreaterThan(0);
    expect((await ownContainers()).filter((c) => seen.has(c.id))).toEqual([]);
    expect(log.events.some((e) => e.type === 'testing')).toBe(true);
    expect(log.events.some((e) => e.type === 'done')).toBe(false);
    await sleep(QUIET_MS);
    expect(log.late).toEqual([]);
  });

  it('a sandbox fault ends the judgement at once, tried once: the queue alone retries', async () => {
    const challenge = await loadPackage(SUM_PACKAGE);
    const log = eventLog();
    const seen = new Set<string>();
    const removals: Promise<unknown>[] = [];
    // The Docker daemon loses the box in the middle of a test (here: removed from outside).
    const outcome = await judgeSubmission(challenge, { language: 'python', source: SLEEPER }, judgeDeps({ boxesPerSubmission: 1 }), {
      onEvent: (event) => {
        log.onEvent(event);
        if (event.type !== 'testing' || removals.length > 0) return;
        removals.push(
          (async () => {
            await sleep(300);
            for (const c of await ownContainers()) {
              seen.add(c.id);
              await docker.getContainer(c.id).remove({ force: true });
            }
          })(),
        );
      },
    });
    log.stopListening();
    await Promise.all(removals);

    expect(outcome.kind).toBe('infrastructure_failed');
    expect(outcome.kind !== 'judged' && outcome.reason).toMatch(/Docker|sandbox/);
    expect(log.events.filter((e) => e.type === 'compiling')).toHaveLength(1);
    expect(log.events.filter((e) => e.type === 'retrying')).toEqual([]);
    expect(seen.size).toBe(1);
    expect(log.events.some((e) => e.type === 'done')).toBe(false);
    await sleep(QUIET_MS);
    expect(log.late).toEqual([]);
  });

  describe('with a custom checker', () => {
    let dir: string;
    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('abort() while the checker runs removes the checker’s container too', async () => {
      // The sum fixture, checked by a custom checker that never answers.
      dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'kodbro-abort-')), 'slow-checker');
      await cp(path.join(REPO_ROOT, SUM_PACKAGE), dir, { recursive: true });
      const manifest = (await readFile(path.join(dir, 'kodbro.yaml'), 'utf8')).replace('id: sum', 'id: slow-checker');
      await writeFile(path.join(dir, 'kodbro.yaml'), `${manifest}checker:\n  type: custom\n  source: checker/checker.py\n`);
      await mkdir(path.join(dir, 'checker'));
      await writeFile(path.join(dir, 'checker/checker.py'), 'import time\ntime.sleep(600)\n');
      const challenge = await loadChallenge(dir);

      const controller = new AbortController();
      const log = eventLog();
      const judging = judgeSubmission(challenge, { language: 'python', source: ACCEPTED }, judgeDeps(), {
        onEvent: log.onEvent,
        signal: controller.signal,
      });
      const containers = await until('the checker’s container', 60_000, async () => {
        const own = await ownContainers();
        return own.some((c) => c.purpose === 'checker') ? own : undefined;
      });
      await sleep(1000);

      const abortedAt = performance.now();
      controller.abort(new Error('stop checking'));
      log.stopListening();
      const outcome = await judging;
      const goneMs = performance.now() - abortedAt;

      expect(outcome).toEqual({ kind: 'aborted', reason: 'stop checking' });
      expect((await ownContainers()).filter((c) => containers.some((k) => k.id === c.id))).toEqual([]);
      expect(goneMs).toBeLessThan(PROMPTLY_MS);
      await sleep(QUIET_MS);
      expect(log.late).toEqual([]);
    });
  });
});
