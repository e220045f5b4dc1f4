import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../support/sandbox.ts';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node server/bin/kodbro.js …` as a separate process, as an operator would. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'server/bin/kodbro.js'), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The `--json` contract: the last line of stdout is one JSON object. */
export function lastJson(run: CliRun): { verdict: string; score: number; tests: { id: string; verdict: string; timeMs: number; memoryKb: number }[]; compileOutput?: string } {
  const lines = run.stdout.trim().split('\n');
  return JSON.parse(lines.at(-1) ?? '');
}
