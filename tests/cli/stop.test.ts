/**
 * Ctrl+C during `kodbro judge`: the judgement is stopped, not abandoned. Its
 * containers are removed before the process exits (without this they would
 * live until the reaper's deadline), the exit code is 1 (nothing was judged)
 * and `--json` still prints its one object, with `system_error`.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { LABEL_OWNER, listSandboxContainers } from '../../server/src/sandbox/index.ts';
import { docker, REPO_ROOT, SUM_PACKAGE } from '../support/sandbox.ts';
import { lastJson } from './run-cli.ts';

let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const containersOf = async (pid: number | undefined) =>
  (await listSandboxContainers(docker)).filter((c) => c.Labels?.[LABEL_OWNER] === `${os.hostname()}:${pid}`);

describe('kodbro judge, interrupted', () => {
  it('SIGINT removes the judgement’s containers, exits 1 and prints system_error', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kodbro-cli-stop-'));
    const file = path.join(dir, 'sleeper.py');
    await writeFile(file, 'import time\ntime.sleep(600)\n');
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'server/bin/kodbro.js'), 'judge', SUM_PACKAGE, file, '--json'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

    const deadline = Date.now() + 60_000;
    while (!/test 1\/|compiling/.test(stderr) || (await containersOf(child.pid)).length === 0) {
      if (Date.now() > deadline) throw new Error(`the judgement did not start:\n${stderr}`);
      await sleep(100);
    }
    await sleep(1000);
    const at = performance.now();
    child.kill('SIGINT');
    const code = await exited;
    const ms = performance.now() - at;

    expect(code, stderr).toBe(1);
    expect(ms).toBeLessThan(5000);
    expect(await containersOf(child.pid)).toEqual([]);
    expect(lastJson({ code, stdout, stderr })).toMatchObject({ verdict: 'system_error', score: 0, tests: [] });
    expect(stdout).toMatch(/stopped by SIGINT/);
    expect(stderr).toMatch(/SIGINT: stopping/);
  });
});
