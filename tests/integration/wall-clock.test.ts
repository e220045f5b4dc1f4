/**
 * The wall clock with slack: on a busy machine a run can be starved of CPU
 * by other boxes, or finish while Docker is slow to report its exit. Such a
 * run must not be called too slow; a program that really spends its CPU time,
 * or only sleeps, must still be stopped: the first as soon as its CPU time
 * passes the limit.
 */
import { describe, expect, it } from 'vitest';
import { boxForFile } from '../support/sandbox.ts';

const box = boxForFile('python', 64);

const run = (script: string, slack: { cpuTimeMs: number; maxWallTimeMs: number } | undefined) =>
  box().exec({ argv: ['python3', '-c', script], wallTimeMs: 1000, stdoutLimit: 1024, stderrLimit: 1024, ...(slack ? { slack } : {}) });

describe('the wall clock', () => {
  it('lets a run that used little CPU finish after the first check when it has slack', async () => {
    const late = 'import time\ntime.sleep(1.6)\nprint("done")\n';
    const withSlack = await run(late, { cpuTimeMs: 1000, maxWallTimeMs: 4000 });
    expect(withSlack.timedOut).toBe(false);
    expect(withSlack.exitCode).toBe(0);
    expect(withSlack.stdout.toString()).toBe('done\n');
    // Without slack the first check is final.
    expect((await run(late, undefined)).timedOut).toBe(true);
  });

  it('stops a program that spends its CPU time at the first check, not at the end of the slack', async () => {
    const started = performance.now();
    const busy = await run('while True: pass\n', { cpuTimeMs: 500, maxWallTimeMs: 20_000 });
    expect(busy.timedOut).toBe(true);
    expect(performance.now() - started).toBeLessThan(6000);
  });

  it('stops a busy loop as soon as its CPU time passes the limit, long before the wall clock', async () => {
    const started = performance.now();
    const busy = await box().exec({
      argv: ['python3', '-c', 'while True: pass\n'],
      wallTimeMs: 15_000,
      slack: { cpuTimeMs: 500, maxWallTimeMs: 20_000 },
      stdoutLimit: 1024,
      stderrLimit: 1024,
    });
    const seconds = (performance.now() - started) / 1000;
    expect(busy.timedOut).toBe(true);
    // Its CPU time passed the limit, and the run ended within a few reads of that (not at 15 s).
    expect(busy.cpuMs).toBeGreaterThan(500);
    expect(busy.cpuMs).toBeLessThan(1500);
    expect(seconds).toBeLessThan(5);
  });

  it('stops a program that only sleeps at the end of the slack', async () => {
    const started = performance.now();
    const asleep = await run('import time\ntime.sleep(100)\n', { cpuTimeMs: 1000, maxWallTimeMs: 2500 });
    expect(asleep.timedOut).toBe(true);
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeGreaterThan(2.4);
    expect(seconds).toBeLessThan(8);
  });
});
