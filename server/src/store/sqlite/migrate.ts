import type Database from 'better-sqlite3';
import { KodbroError } from '../../errors.ts';
import type { Migration } from '../migrations.ts';

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/**
 * Brings the database up to the newest migration: each pending one in its
 * own write transaction together with its schema_migrations row, so a failed
 * migration leaves the previous version intact and two processes opening the
 * same file at once apply each migration once. Refuses a database that
 * records a migration this code does not have (it is newer than the code) or
 * one whose file has changed since it was applied. Returns the versions applied.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], now: () => number): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    checksum    TEXT NOT NULL,
    applied_at  BIGINT NOT NULL
  )`);
  const applied: number[] = [];
  const step = db.transaction((migration: Migration): boolean => {
    const rows = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as AppliedRow[];
    check(rows, migrations);
    if (rows.some((row) => row.version === migration.version)) return false;
    db.exec(migration.sql);
    db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)').run(
      migration.version,
      migration.name,
      migration.checksum,
      now(),
    );
    return true;
  });
  for (const migration of migrations) {
    if (step.immediate(migration)) applied.push(migration.version);
  }
  // A database with no pending migration still gets checked.
  check(db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as AppliedRow[], migrations);
  return applied;
}

function check(rows: AppliedRow[], migrations: readonly Migration[]): void {
  const newest = migrations.at(-1)?.version ?? 0;
  for (const row of rows) {
    const known = migrations.find((m) => m.version === row.version);
    if (!known) {
      throw new KodbroError(
        'internal',
        `The database is at schema version ${Math.max(...rows.map((r) => r.version))}, newer than this code (${newest}); run a newer Kodbro or restore a backup`,
      );
    }
    if (known.checksum !== row.checksum) {
      throw new KodbroError('internal', `Migration ${row.version} (${row.name}) has changed since it was applied to this database`);
    }
  }
}
