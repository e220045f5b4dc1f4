import path from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_FILE_NAME } from '../../server/src/store/index.ts';
import type { SubmissionRowView } from './store-db.ts';

/**
 * Read-only access to a test server's SQLite file, for checks the API cannot
 * make: row counts, "nothing written", "done exactly once". The server keeps
 * its own connection; this one never writes. SQLite only (bench, redteam):
 * tests/server uses store-db.ts, which reads PostgreSQL too under `server-pg`.
 */
export function openStoreFile(dataDir: string): Database.Database {
  const db = new Database(path.join(dataDir, SQLITE_FILE_NAME), { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

export type { SubmissionRowView } from './store-db.ts';

export function submissionRows(db: Database.Database, ids: readonly string[]): SubmissionRowView[] {
  if (ids.length === 0) return [];
  return db
    .prepare(
      `SELECT id, attempt_id, kind, status, tries, result, error, created_at, started_at, finished_at
         FROM submissions WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY queue_seq`,
    )
    .all(...ids) as SubmissionRowView[];
}

/** `submitted` / `ran_*` events per submission id, from the attempts' logs. */
export function submissionEventCounts(db: Database.Database, attemptIds: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  if (attemptIds.length === 0) return counts;
  const rows = db
    .prepare(
      `SELECT json_extract(data, '$.submissionId') AS id FROM attempt_events
        WHERE kind IN ('submitted', 'ran_samples', 'ran_custom') AND attempt_id IN (${attemptIds.map(() => '?').join(', ')})`,
    )
    .all(...attemptIds) as { id: string }[];
  for (const { id } of rows) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}
