import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalPostgres } from '../../server/src/grown/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The `server-pg` run's PostgreSQL cluster (its `postgres` database); unset elsewhere. */
    postgresUrl: string | undefined;
  }
}

/**
 * The `server-pg` project: ONE throw-away PostgreSQL cluster for the whole
 * run. Its URL reaches the test files through `inject('postgresUrl')`;
 * tests/support/store-kind.ts makes a database of it per server.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startLocalPostgres({ dir: mkdtempSync(path.join(os.tmpdir(), 'kodbro-server-pg-')), maxConnections: 400 });
  project.provide('postgresUrl', cluster.url());
  return async () => {
    await cluster.stop({ remove: true });
  };
}
