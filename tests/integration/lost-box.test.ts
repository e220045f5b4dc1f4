/**
 * A box that Docker loses in the middle of a command (removed from outside,
 * the daemon's doing) is the system's failure, never the candidate's
 * outcome. The runner's stream can close before Docker's own state says the
 * box is stopping, so a command that saw its runner vanish must not be
 * reported as candidate code that killed the runner (a runtime error): a
 * judgement that ended on such an outcome was marked done, not failed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { imageFor, openBox } from '../../server/src/sandbox/index.ts';
import { isKodbroError } from '../../server/src/errors.ts';
import { docker, expectDockerClean } from '../support/sandbox.ts';

afterAll(async () => expectDockerClean());

/** Removals at several moments after the command starts, to meet the race where it opens. */
const DELAYS_MS = [0, 20, 40, 60, 80, 120, 160, 240, 320, 480];

describe('a box lost mid-command', () => {
  it('fails the command as the sandbox’s fault, whenever the removal lands', async () => {
    const image = await imageFor('python');
    const seen: string[] = [];
    for (const delay of DELAYS_MS) {
      const box = await openBox(docker, { image, memoryMb: 64, deadline: Date.now() + 60_000, purpose: 'run' });
      try {
        // Settled into a line at once: the command can fail before the removal below returns.
        const ended = box
          .exec({ argv: ['python3', '-c', 'import time\ntime.sleep(600)\n'], wallTimeMs: 20_000, stdoutLimit: 1024, stderrLimit: 1024 })
          .then(
            (outcome) => `outcome ${JSON.stringify({ exitCode: outcome.exitCode, timedOut: outcome.timedOut, reset: outcome.reset })}`,
            (error: unknown) => (isKodbroError(error, 'sandbox_failed') ? 'sandbox_failed' : `other: ${String(error)}`),
          );
        await sleep(delay);
        await docker.getContainer(box.id).remove({ force: true });
        seen.push(`${delay} ms: ${await ended}`);
      } finally {
        await box.destroy().catch(() => {});
      }
    }
    expect(seen).toEqual(DELAYS_MS.map((delay) => `${delay} ms: sandbox_failed`));
  }, 120_000);

  it('restarts a box that stopped under a command (as the OOM killer stops it) and runs the next command there', async () => {
    const image = await imageFor('python');
    const seen: string[] = [];
    // The command leaves a process behind and would end its runner after every moment below: the box stops
    // under it (its runner and leftover die with it), is found stopped late or swept while it stops.
    const leaver = 'import os, subprocess, time\nsubprocess.Popen(["sleep", "600"], start_new_session=True)\ntime.sleep(0.7)\nos.kill(os.getppid(), 9)\n';
    for (const delay of DELAYS_MS) {
      const box = await openBox(docker, { image, memoryMb: 64, deadline: Date.now() + 60_000, purpose: 'run' });
      try {
        const ended = box
          .exec({ argv: ['python3', '-c', leaver], wallTimeMs: 20_000, stdoutLimit: 1024, stderrLimit: 1024 })
          .then(
            (outcome) => (outcome.exitCode === 0 ? 'exit 0' : 'the candidate’s failure'),
            (error: unknown) => `failed: ${String(error)}`,
          );
        await sleep(delay);
        await docker.getContainer(box.id).kill();
        const first = await ended;
        const next = await box.exec({ argv: ['echo', 'next'], wallTimeMs: 20_000, stdoutLimit: 1024, stderrLimit: 1024 });
        seen.push(`${delay} ms: ${first}, then ${next.stdout.toString().trim()}`);
      } finally {
        await box.destroy().catch(() => {});
      }
    }
    expect(seen).toEqual(DELAYS_MS.map((delay) => `${delay} ms: the candidate’s failure, then next`));
  }, 120_000);
});
