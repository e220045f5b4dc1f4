import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KodbroError } from '../errors.ts';
import { contentHash } from './secrets.ts';

/** One schema step: `migrations/NNNN_name.sql`, applied once, in order, in a transaction. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** SHA-256 of the file; an applied migration whose file changed is refused. */
  checksum: string;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
/**
 * PostgreSQL's steps: one that makes the schema SQLite reaches with 0001–0016
 * (0016_schema.sql), then the steps from 0017 on, numbered as SQLite's.
 */
export const POSTGRES_MIGRATIONS_DIR = fileURLToPath(new URL('./migrations-postgres/', import.meta.url));
const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/**
 * Reads the migration files, numbered without gaps from the first (0001 for
 * SQLite). A file that does not match the pattern is an error rather than
 * something skipped.
 */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir).filter((name) => name.endsWith('.sql')).sort();
  const first = Number(FILE_NAME.exec(files[0] ?? '')?.[1] ?? 1);
  return files.map((file, index) => {
    const match = FILE_NAME.exec(file);
    if (!match) throw new KodbroError('internal', `Migration file ${file} is not named NNNN_name.sql`);
    const version = Number(match[1]);
    if (version !== first + index) throw new KodbroError('internal', `Migration ${file} is out of sequence: expected number ${first + index}`);
    const sql = readFileSync(`${dir}/${file}`, 'utf8');
    return { version, name: match[2] ?? '', sql, checksum: contentHash(Buffer.from(sql, 'utf8')) };
  });
}
