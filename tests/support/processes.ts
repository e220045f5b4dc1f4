import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll } from 'vitest';
import { dropStore } from './store-kind.ts';
import { spawnServer, type SpawnedServer } from './server.ts';

/**
 * Server processes of one test file (restarts, crashes, shutdowns) and their
 * data folders: whatever a test leaves running is stopped after the file
 * (`stopWith`: SIGKILL, or SIGTERM where the file checks a clean stop), and
 * the folders are removed.
 */
export function serverProcesses(options: { dirPrefix: string; env?: Record<string, string>; stopWith?: NodeJS.Signals }) {
  const started: SpawnedServer[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const server of started) {
      if (server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill(options.stopWith ?? 'SIGKILL');
        await server.exited;
      }
    }
    for (const dir of dirs) {
      await dropStore(dir);
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return {
    /** A server on `dataDir` with the file's environment and `env` over it. */
    async spawn(dataDir: string, env: Record<string, string> = {}): Promise<SpawnedServer> {
      const server = await spawnServer(dataDir, { ...options.env, ...env });
      started.push(server);
      return server;
    },
    /** An empty data folder, removed after the file. */
    freshDir(): string {
      const dir = mkdtempSync(path.join(os.tmpdir(), options.dirPrefix));
      dirs.push(dir);
      return dir;
    },
  };
}

/** Asks `probe` every `everyMs` until it answers something (not undefined or false); fails with `what` after `timeoutMs`. */
export async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined | false> | T | undefined | false, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
