import type Database from 'better-sqlite3';
import { KodbroError } from '../../errors.ts';
import type { Migration } from '../migrations.ts';

/**
 * A migration whose first line is this runs with foreign keys off (SQLite
 * cannot switch them inside a transaction): a table rebuild drops and renames
 * a table other tables refer to. The whole database is checked with
 * `PRAGMA foreign_key_check` before such a migration commits.
 */
const FOREIGN_KEYS_OFF = /^-- kodbro: foreign_keys off\r?\n/;

export interface AppliedRow {
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
    checkApplied(rows, migrations);
    if (rows.some((row) => row.version === migration.version)) return false;
    db.exec(migration.sql);
    if (FOREIGN_KEYS_OFF.test(migration.sql)) checkForeignKeys(db, migration);
    db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)').run(
      migration.version,
      migration.name,
      migration.checksum,
      now(),
    );
    return true;
  });
  for (const migration of migrations) {
    if (withForeignKeys(db, !FOREIGN_KEYS_OFF.test(migration.sql), () => step.immediate(migration))) applied.push(migration.version);
  }
  // A database with no pending migration still gets checked.
  checkApplied(db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as AppliedRow[], migrations);
  return applied;
}

/** Runs `work` with foreign keys on or off, then puts the setting back. */
function withForeignKeys<T>(db: Database.Database, on: boolean, work: () => T): T {
  const before = db.pragma('foreign_keys', { simple: true }) === 1;
  if (before === on) return work();
  db.pragma(`foreign_keys = ${on ? 'ON' : 'OFF'}`);
  try {
    return work();
  } finally {
    db.pragma(`foreign_keys = ${before ? 'ON' : 'OFF'}`);
  }
}

/** Throwing here rolls the migration back. */
function checkForeignKeys(db: Database.Database, migration: Migration): void {
  const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
  if (broken.length > 0) {
    const first = broken[0]!;
    throw new KodbroError('internal', `Migration ${migration.version} (${migration.name}) leaves ${broken.length} broken foreign key(s), e.g. ${first.table} → ${first.parent}`);
  }
}

export function checkApplied(rows: AppliedRow[], migrations: readonly Migration[]): void {
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
