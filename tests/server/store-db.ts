import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { SQLITE_FILE_NAME } from '../../server/src/store/index.ts';
import { databaseUrlOf, storeKind, type StoreKind } from '../support/store-kind.ts';

/**
 * Direct access to a test server's database, whichever store it runs on (its
 * SQLite file, or under `server-pg` its PostgreSQL database), for checks the
 * API cannot make: row counts, "nothing written", "done exactly once".
 * Statements use `?` placeholders on both. The server keeps its own
 * connections; this one is read-only unless asked (`writable`).
 */
export interface StoreDb {
  readonly dialect: StoreKind;
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  get<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T | undefined>;
  /** Runs a write (only on a `writable` connection); returns the rows changed. */
  run(sql: string, ...params: unknown[]): Promise<number>;
  /** Runs `fn` on one consistent view of the data. */
  snapshot<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openStoreFile(dataDir: string, options: { writable?: boolean } = {}): Promise<StoreDb> {
  if (storeKind() === 'postgres') {
    const url = databaseUrlOf(dataDir);
    if (!url) throw new Error(`No PostgreSQL database was made for ${dataDir}`);
    return openPostgres(url, options.writable ?? false);
  }
  const db = new Database(path.join(dataDir, SQLITE_FILE_NAME), { readonly: !options.writable, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return {
    dialect: 'sqlite',
    all: async <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[],
    get: async <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T | undefined,
    run: async (sql, ...params) => db.prepare(sql).run(...params).changes,
    async snapshot(fn) {
      // better-sqlite3 is synchronous underneath: the statements fn awaits run one after another, inside this read.
      db.exec('BEGIN');
      try {
        return await fn();
      } finally {
        db.exec('COMMIT');
      }
    },
    close: async () => void db.close(),
  };
}

const INT8 = 20;
const NUMERIC = 1700;
const BOOL = 16;

/** Values read as the server's PostgreSQL driver reads them (postgres-driver.ts): numbers, and booleans as 1 and 0. */
function getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === INT8 || oid === NUMERIC) return Number;
  if (oid === BOOL) return (value: string) => (value === 't' ? 1 : 0);
  return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
}

async function openPostgres(url: string, writable: boolean): Promise<StoreDb> {
  const client = new pg.Client({
    connectionString: url,
    types: { getTypeParser },
    ...(writable ? {} : { options: '-c default_transaction_read_only=on' }),
  });
  // A connection a failed test left open ends when the file's database is dropped (WITH (FORCE)): not an error of the run.
  client.on('error', () => undefined);
  await client.connect();
  const query = async (sql: string, params: unknown[]) => {
    let n = 0;
    return client.query(sql.replace(/\?/g, () => `$${++n}`), params);
  };
  return {
    dialect: 'postgres',
    all: async <T>(sql: string, ...params: unknown[]) => (await query(sql, params)).rows as T[],
    get: async <T>(sql: string, ...params: unknown[]) => (await query(sql, params)).rows[0] as T | undefined,
    run: async (sql, ...params) => (await query(sql, params)).rowCount ?? 0,
    async snapshot(fn) {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      try {
        return await fn();
      } finally {
        await client.query('COMMIT');
      }
    },
    close: () => client.end(),
  };
}

/** The tables whose rows the fuzzers must leave alone. */
const DATA_TABLES = [
  'organisations',
  'staff_users',
  'challenges',
  'challenge_versions',
  'assessments',
  'assessment_challenges',
  'invites',
  'attempts',
  'drafts',
  'submissions',
  'attempt_events',
  'sessions',
  'challenge_drafts',
  'validation_jobs',
  'candidate_reviews',
  'candidate_reveals',
  'shared_results',
  'explanations',
] as const;

export interface TableSnapshot {
  count: number;
  /** SHA-256 over every row in a fixed order: catches updates that keep the count. */
  digest: string;
}

/** Count and content digest of every data table. */
export async function snapshotTables(db: StoreDb, tables: readonly string[] = DATA_TABLES): Promise<Record<string, TableSnapshot>> {
  const out: Record<string, TableSnapshot> = {};
  await db.snapshot(async () => {
    for (const table of tables) {
      const hash = createHash('sha256');
      let count = 0;
      // SQLite's rowid, or on PostgreSQL the row's own text: an order that holds while the rows do.
      const order = db.dialect === 'postgres' ? `(${table}.*)::text` : 'rowid';
      for (const row of await db.all<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY ${order}`)) {
        count++;
        for (const value of Object.values(row)) {
          if (Buffer.isBuffer(value)) hash.update(value);
          else hash.update(JSON.stringify(value) ?? 'null');
          hash.update('\u0000');
        }
        hash.update('\u0001');
      }
      out[table] = { count, digest: hash.digest('hex') };
    }
  });
  return out;
}

export interface SubmissionRowView {
  id: string;
  attempt_id: string;
  kind: string;
  status: string;
  tries: number;
  result: string | null;
  error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export async function submissionRowsOfAttempts(db: StoreDb, attemptIds: readonly string[]): Promise<SubmissionRowView[]> {
  if (attemptIds.length === 0) return [];
  return db.all<SubmissionRowView>(
    `SELECT id, attempt_id, kind, status, tries, result, error, created_at, started_at, finished_at
       FROM submissions WHERE attempt_id IN (${attemptIds.map(() => '?').join(', ')}) ORDER BY queue_seq`,
    ...attemptIds,
  );
}

/** `submitted` / `ran_*` events per submission id, from the attempts' logs. */
export async function submissionEventCounts(db: StoreDb, attemptIds: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (attemptIds.length === 0) return counts;
  const id = db.dialect === 'postgres' ? `(data::json ->> 'submissionId')` : `json_extract(data, '$.submissionId')`;
  const rows = await db.all<{ id: string }>(
    `SELECT ${id} AS id FROM attempt_events
      WHERE kind IN ('submitted', 'ran_samples', 'ran_custom') AND attempt_id IN (${attemptIds.map(() => '?').join(', ')})`,
    ...attemptIds,
  );
  for (const { id: submissionId } of rows) counts.set(submissionId, (counts.get(submissionId) ?? 0) + 1);
  return counts;
}
