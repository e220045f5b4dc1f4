import type Database from 'better-sqlite3';
import path from 'node:path';
import type { Driver, QueryResult, TxHandle } from './db.ts';

/**
 * Transactions running or waiting on one database file in this process, and
 * the end of their queue. Shared by every connection to the file: a second
 * connection in the same thread that asked for the write lock while the
 * first holds it across an await would block the thread in busy_timeout, and
 * the first could never finish.
 */
interface FileQueue {
  open: number;
  tail: Promise<unknown>;
}
const queues = new Map<string, FileQueue>();

/**
 * better-sqlite3 behind the async Driver. The connection is synchronous:
 * while a write transaction is open (its function awaits between
 * statements), any statement from outside it would land inside it (or, from
 * another connection to the file, wait for its lock), so such statements
 * wait for the transaction to end. Outside transactions a statement runs at
 * once; the promise only wraps its result.
 */
export function sqliteDriver(db: Database.Database): Driver {
  const statements = new Map<string, Database.Statement>();
  const key = path.resolve(db.name);
  const queue = queues.get(key) ?? { open: 0, tail: Promise.resolve() };
  queues.set(key, queue);

  const statement = (text: string): Database.Statement => {
    let prepared = statements.get(text);
    if (!prepared) {
      prepared = db.prepare(text);
      statements.set(text, prepared);
    }
    return prepared;
  };

  const execute = (text: string, params: readonly unknown[]): QueryResult => {
    const prepared = statement(text);
    if (prepared.reader) {
      const rows = prepared.all(...params);
      return { rows, changes: rows.length };
    }
    return { rows: [], changes: prepared.run(...params).changes };
  };

  /** Runs `work` after every transaction queued before it. */
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.tail.then(work);
    queue.tail = run.catch(() => undefined);
    return run;
  };

  const handle: TxHandle = { dialect: 'sqlite' };

  return {
    dialect: 'sqlite',
    async query(text, params, tx) {
      if (tx !== undefined || queue.open === 0) return execute(text, params);
      return serially(async () => execute(text, params));
    },
    async transaction(fn) {
      queue.open += 1;
      try {
        return await serially(async () => {
          // Taking the write lock first: two connections (another process) never both read and then race to write.
          db.exec('BEGIN IMMEDIATE');
          try {
            const result = await fn(handle);
            db.exec('COMMIT');
            return result;
          } catch (error) {
            if (db.inTransaction) db.exec('ROLLBACK');
            throw error;
          }
        });
      } finally {
        queue.open -= 1;
      }
    },
    async close() {
      await queue.tail;
      if (db.open) db.close();
    },
  };
}
