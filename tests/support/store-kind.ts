import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';

/**
 * Which store this run's servers use: SQLite files in their data folders
 * (the `server` project), or PostgreSQL (the `server-pg` project, whose
 * globalSetup tests/support/postgres-setup.ts starts one cluster for the
 * run). On PostgreSQL each data folder gets a fresh database of that
 * cluster, as it would get a fresh SQLite file: a second server on the same
 * folder (a restart) finds the same data.
 */
export type StoreKind = 'sqlite' | 'postgres';

export function storeKind(): StoreKind {
  return clusterUrl() ? 'postgres' : 'sqlite';
}

/** Inside vitest only: the benches (tsx) import the test support too, and always run on SQLite there. */
const IN_VITEST = process.env.VITEST !== undefined;

function clusterUrl(): string | undefined {
  return IN_VITEST ? inject('postgresUrl') : undefined;
}

const databases = new Map<string, Promise<string>>();
const known = new Map<string, string>();

/** The database URL of a data folder's store, once `storeEnv` made it; undefined on SQLite. */
export function databaseUrlOf(dataDir: string): string | undefined {
  return known.get(dataDir);
}

/** The environment that points a server at `dataDir`'s store: nothing on SQLite, KODBRO_DATABASE_URL on PostgreSQL. */
export async function storeEnv(dataDir: string): Promise<Record<string, string>> {
  const base = clusterUrl();
  if (!base) return {};
  let made = databases.get(dataDir);
  if (!made) {
    made = (async () => {
      const name = `kodbro_test_${randomBytes(6).toString('hex')}`;
      await onCluster(base, (client) => client.query(`CREATE DATABASE ${name}`));
      const url = new URL(base);
      url.pathname = `/${name}`;
      known.set(dataDir, url.toString());
      return url.toString();
    })();
    databases.set(dataDir, made);
  }
  return { KODBRO_DATABASE_URL: await made };
}

/** Drops `dataDir`'s database (connections and all); a no-op on SQLite or when it has none. */
export async function dropStore(dataDir: string): Promise<void> {
  const base = clusterUrl();
  const made = databases.get(dataDir);
  if (!base || !made) return;
  databases.delete(dataDir);
  known.delete(dataDir);
  const name = new URL(await made).pathname.slice(1);
  await onCluster(base, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

async function onCluster<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

// Databases of servers the test stopped by itself (a killed child, a closed
// server restarted on the same folder) go when the file is done.
if (IN_VITEST) {
  afterAll(async () => {
    for (const dataDir of [...databases.keys()]) await dropStore(dataDir);
  });
}
