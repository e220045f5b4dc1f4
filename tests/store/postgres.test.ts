import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobSignals, startLocalPostgres, type LocalPostgres } from '../../server/src/grown/index.ts';
import { pino } from 'pino';
import { loadMigrations, PostgresStore, POSTGRES_MIGRATIONS_DIR, type Migration } from '../../server/src/store/index.ts';
import { expectExactlyOnceAcrossProcesses } from './exactly-once.ts';
import { ok, runStoreSuite } from './store.suite.ts';

/**
 * The store suite and the queue's exactly-once test on a real PostgreSQL
 * (Debian's, a throw-away cluster for this file), each test on a database
 * of its own.
 */
let cluster: LocalPostgres | undefined;
const started = (async () => {
  cluster = await startLocalPostgres({ dir: mkdtempSync(path.join(tmpdir(), 'kodbro-pg-')) });
  return cluster;
})();
afterAll(async () => {
  await (await started).stop({ remove: true });
});

const linkKey = randomBytes(32);

/** A plain connection for looking under the store. */
async function raw<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await raw((await started).url(), (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

runStoreSuite('PostgreSQL', async ({ clock, maxTries, quotas }) => {
  const url = await (await started).createDatabase();
  return {
    open: () => PostgresStore.open({ url, clock, maxTries, linkKey, poolSize: 4, ...(quotas ? { quotas } : {}) }),
    // Every value of every row of every table, bytes and text alike.
    holdsText: (text) =>
      raw(url, async (client) => {
        const tables = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
        for (const { table_name } of tables.rows) {
          const rows = await client.query(`SELECT * FROM "${table_name}"`);
          for (const row of rows.rows as Record<string, unknown>[]) {
            for (const value of Object.values(row)) {
              if (Buffer.isBuffer(value) ? value.includes(text) : typeof value === 'string' && value.includes(text)) return true;
            }
          }
        }
        return false;
      }),
    destroy: () => dropDatabase(url),
  };
});

describe('PostgreSQL store: opening and migrations', () => {
  it('migrates a fresh database to the schema SQLite reaches, records the step, and does nothing on a second open', async () => {
    const url = await (await started).createDatabase();
    const first = await PostgresStore.open({ url, linkKey });
    expect(first.applied).toEqual(loadMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.version));
    expect(loadMigrations(POSTGRES_MIGRATIONS_DIR).at(-1)?.version).toBe(loadMigrations().at(-1)?.version);
    const org = ok(await first.createOrganisation({ name: 'Keep', slug: 'keep' }));
    await first.close();
    const second = await PostgresStore.open({ url, linkKey });
    expect(second.applied).toEqual([]);
    expect(await second.getOrganisation(org.id)).toMatchObject({ name: 'Keep' });
    await second.close();
    await dropDatabase(url);
  });

  it('makes its data folder and the invite link key in it on a first start, and keeps the key after', async () => {
    const url = await (await started).createDatabase();
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'kodbro-pg-data-')), 'not', 'yet');
    const first = await PostgresStore.open({ url, dataDir });
    await first.close();
    const key = readFileSync(path.join(dataDir, 'invite-links.key'));
    await (await PostgresStore.open({ url, dataDir })).close();
    expect(readFileSync(path.join(dataDir, 'invite-links.key'))).toEqual(key);
    rmSync(path.dirname(path.dirname(dataDir)), { recursive: true, force: true });
    await dropDatabase(url);
  });

  it('applies each step once when several processes open a fresh database at the same moment', async () => {
    const url = await (await started).createDatabase();
    const stores = await Promise.all([1, 2, 3, 4].map(() => PostgresStore.open({ url, linkKey, poolSize: 1 })));
    expect(stores.map((s) => s.applied.length).sort()).toEqual([0, 0, 0, loadMigrations(POSTGRES_MIGRATIONS_DIR).length]);
    await Promise.all(stores.map((s) => s.close()));
    await dropDatabase(url);
  });

  it('refuses a database newer than the code and one whose applied step changed, and rolls back a failing step whole', async () => {
    const url = await (await started).createDatabase();
    await (await PostgresStore.open({ url, linkKey })).close();
    const steps = loadMigrations(POSTGRES_MIGRATIONS_DIR);
    const changed: Migration[] = steps.map((m) => ({ ...m, checksum: 'changed' }));
    await expect(PostgresStore.open({ url, linkKey, migrations: changed })).rejects.toThrow(/has changed since it was applied/);
    const failing: Migration = { version: steps.at(-1)!.version + 1, name: 'half', sql: 'CREATE TABLE half_done (x BIGINT); SELECT no_such_column FROM organisations;', checksum: 'h' };
    await expect(PostgresStore.open({ url, linkKey, migrations: [...steps, failing] })).rejects.toThrow(/no_such_column/);
    expect(await raw(url, async (c) => (await c.query("SELECT to_regclass('half_done') AS t")).rows[0].t)).toBeNull();
    await raw(url, (c) => c.query("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (99, 'from_the_future', 'x', 0)"));
    await expect(PostgresStore.open({ url, linkKey })).rejects.toThrow(/newer than this code/);
    await dropDatabase(url);
  });

  it('keeps the event log append-only and versions immutable, as on SQLite', async () => {
    const url = await (await started).createDatabase();
    await (await PostgresStore.open({ url, linkKey })).close();
    await raw(url, async (client) => {
      await expect(client.query('UPDATE challenge_versions SET title = title')).resolves.toBeDefined(); // no rows yet: nothing to refuse
      await client.query("INSERT INTO organisations (id, name, slug, created_at) VALUES ('o', 'O', 'o', 0)");
      await client.query("INSERT INTO challenges (id, org_id, slug, title, latest_version, created_at, updated_at) VALUES ('c', 'o', 's', 'S', 1, 0, 0)");
      await client.query("INSERT INTO challenge_versions (id, org_id, challenge_id, version, title, content_hash, meta, created_at) VALUES ('v', 'o', 'c', 1, 'S', 'h', '{}', 0)");
      await expect(client.query("UPDATE challenge_versions SET title = 'T'")).rejects.toThrow(/immutable/);
    });
    await dropDatabase(url);
  });
});

describe('PostgreSQL store: several processes on one database', () => {
  let url: string;
  beforeAll(async () => {
    url = await (await started).createDatabase();
  });

  it('gives every job to exactly one of four worker processes and completes it once', async () => {
    const store = await PostgresStore.open({ url, linkKey });
    try {
      await expectExactlyOnceAcrossProcesses(store, url);
    } finally {
      await store.close();
    }
  }, 120_000);
});

describe('PostgreSQL: job wake-ups between processes', () => {
  it('wakes every listener when a job is announced, at once rather than at the next poll, and listens again after losing its connection', async () => {
    const url = await (await started).createDatabase();
    const log = pino({ level: 'silent' });
    const web = jobSignals(url, log);
    const workers = [jobSignals(url, log), jobSignals(url, log)];
    const wakes = [0, 0];
    await Promise.all(workers.map((w, i) => w.listen(() => (wakes[i]! += 1))));
    // Listening wakes once by itself (for what was announced before it listened).
    expect(wakes).toEqual([1, 1]);
    const announcedAt = Date.now();
    web.announce();
    await expect.poll(() => wakes, { timeout: 2000, interval: 10 }).toEqual([2, 2]);
    expect(Date.now() - announcedAt).toBeLessThan(1000);

    // The server ends the listeners' connections (a restart, a failover): they listen again, and hear the next one.
    await raw(url, (client) => client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'kodbro-listen'"));
    await expect.poll(() => wakes, { timeout: 10_000, interval: 50 }).toEqual([3, 3]);
    web.announce();
    await expect.poll(() => wakes, { timeout: 2000, interval: 10 }).toEqual([4, 4]);
    await Promise.all([web, ...workers].map((s) => s.close()));
    await dropDatabase(url);
  });
});
