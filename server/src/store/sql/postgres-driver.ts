import pg from 'pg';
import type { Driver, Isolation, QueryResult, TxHandle } from './db.ts';

/**
 * node-postgres behind the async Driver. The queries are written once with
 * `?` placeholders (SQLite's); here they are numbered. Values come back as
 * the SQLite driver gives them: BIGINT and NUMERIC as numbers (every stored
 * integer is a count, a size or a millisecond time, far below 2^53), and
 * booleans as 1 and 0.
 */
export function postgresPool(connectionString: string, options: { max?: number; applicationName?: string } = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'kodbro',
    types: { getTypeParser },
    // A connection the server holds idle is closed; the pool opens another when needed.
    idleTimeoutMillis: 30_000,
  });
  // An idle connection the server ended (a restart, a failover) is dropped by the pool, which opens a new one
  // for the next query; without a listener the event would end the process.
  pool.on('error', () => undefined);
  return pool;
}

const INT8 = 20;
const NUMERIC = 1700;
const BOOL = 16;

function getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === INT8 || oid === NUMERIC) return Number;
  if (oid === BOOL) return (value: string) => (value === 't' ? 1 : 0);
  return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
}

/**
 * SQLSTATEs after which a transaction is simply run again: a serialisation
 * failure, a deadlock, and a unique violation — under SERIALIZABLE a
 * concurrent insert of the same key (two submissions taking the next queue
 * number, two retries of one submission id) may surface as 23505 rather than
 * 40001; run again, the transaction sees the other's row and takes the path
 * it would have taken had they run one after the other.
 */
const RETRYABLE = new Set(['40001', '40P01', '23505']);
/**
 * Runs before the failure goes to the caller (a 500). A class pressing Submit
 * together while the workers write results makes many transactions fail each
 * other at once; with the back-off below this allows up to about five seconds of
 * contention, where twelve runs (about two) let a cluster test's request fail.
 */
const MAX_RUNS = 30;

type PgTx = TxHandle & { client: pg.PoolClient };

export function postgresDriver(pool: pg.Pool): Driver {
  const numbered = new Map<string, string>();

  const text = (sql: string): string => {
    let done = numbered.get(sql);
    if (done === undefined) {
      done = numberPlaceholders(sql);
      numbered.set(sql, done);
    }
    return done;
  };

  const query = async (client: pg.Pool | pg.PoolClient, sql: string, params: readonly unknown[]): Promise<QueryResult> => {
    const result = await client.query({ text: text(sql), values: params as unknown[] });
    return { rows: result.rows, changes: result.rowCount ?? 0 };
  };

  return {
    dialect: 'postgres',
    query(sql, params, tx) {
      return query(tx === undefined ? pool : (tx as PgTx).client, sql, params);
    },
    async transaction(fn, isolation: Isolation) {
      for (let run = 1; ; run++) {
        const client = await pool.connect();
        let broken = false;
        try {
          await client.query(isolation === 'serializable' ? 'BEGIN ISOLATION LEVEL SERIALIZABLE' : 'BEGIN ISOLATION LEVEL READ COMMITTED');
          const result = await fn({ dialect: 'postgres', client } as PgTx);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {
            broken = true;
          });
          const code = (error as { code?: unknown }).code;
          if (typeof code !== 'string' || !RETRYABLE.has(code) || run >= MAX_RUNS) throw error;
          // Another transaction won the race; back off a little, more each time, with jitter.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** run)));
        } finally {
          client.release(broken);
        }
      }
    },
    async close() {
      if (!pool.ended && !pool.ending) await pool.end();
    },
  };
}

/**
 * `?` → `$1`, `$2`… outside string literals, quoted names and comments. The
 * queries are the project's own; this is not a parser for arbitrary SQL.
 */
export function numberPlaceholders(sql: string): string {
  let out = '';
  let n = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      const stop = end === -1 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '?') {
      out += `$${++n}`;
    } else {
      out += c;
    }
  }
  return out;
}
