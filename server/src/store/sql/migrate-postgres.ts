import type pg from 'pg';
import type { Migration } from '../migrations.ts';
import { checkApplied, type AppliedRow } from './migrate.ts';

/** Any fixed number: the lock that makes two processes starting at once migrate one after the other. */
const MIGRATION_LOCK = 0x6b6f6462;

/**
 * PostgreSQL's migrate (see migrate.ts for SQLite's): each pending step in
 * its own transaction with its schema_migrations row (PostgreSQL's DDL is
 * transactional), under an advisory lock so that web and worker processes
 * starting together apply each step once. Same refusals: a database newer
 * than the code, or a step whose file changed since it was applied.
 */
export async function migratePostgres(pool: pg.Pool, migrations: readonly Migration[], now: () => number): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version     BIGINT PRIMARY KEY,
        name        TEXT NOT NULL,
        checksum    TEXT NOT NULL,
        applied_at  BIGINT NOT NULL
      )`);
      const applied: number[] = [];
      const rows = async () =>
        (await client.query<AppliedRow>('SELECT version, name, checksum FROM schema_migrations ORDER BY version')).rows;
      checkApplied(await rows(), migrations);
      const done = new Set((await rows()).map((row) => row.version));
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)', [
            migration.version,
            migration.name,
            migration.checksum,
            now(),
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
        applied.push(migration.version);
      }
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
