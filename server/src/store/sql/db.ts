import { AsyncLocalStorage } from 'node:async_hooks';
import { KodbroError } from '../../errors.ts';
import type { AttemptScope } from '../ids.ts';
import type { Clock } from '../store.ts';

/** The two databases one set of queries is written for. */
export type Dialect = 'sqlite' | 'postgres';

/** A transaction's connection, as the driver that opened it knows it. */
export type TxHandle = { readonly dialect: Dialect };

export interface QueryResult {
  rows: unknown[];
  /** Rows a write changed (or returned, for a write with RETURNING). */
  changes: number;
}

/**
 * What a database driver does for the query modules (sqlite-driver.ts,
 * postgres-driver.ts). Statements use `?` placeholders on both; the
 * PostgreSQL driver numbers them.
 */
export interface Driver {
  readonly dialect: Dialect;
  /** Runs one statement, on the transaction's connection when `tx` is given. */
  query(text: string, params: readonly unknown[], tx: TxHandle | undefined): Promise<QueryResult>;
  /**
   * Runs `fn` in a transaction that behaves as if no other write ran beside
   * it: SQLite takes the write lock first (BEGIN IMMEDIATE); PostgreSQL runs
   * SERIALIZABLE and runs `fn` again after a serialisation failure, so `fn`
   * must do nothing but database work.
   */
  transaction<T>(fn: (tx: TxHandle) => Promise<T>, isolation: Isolation): Promise<T>;
  close(): Promise<void>;
}

/**
 * `serializable` for every check-then-write; `read-committed` only for the
 * queue's claims, which lock the rows they take (FOR UPDATE SKIP LOCKED on
 * PostgreSQL) and would otherwise fail each other for no reason.
 */
export type Isolation = 'serializable' | 'read-committed';

/**
 * What every query module shares: the driver, write transactions, the clock
 * and the queue's try limit. A statement run inside `write` goes to that
 * transaction's connection without being handed it: the transaction is
 * found through AsyncLocalStorage, so the modules read the same inside a
 * transaction and outside one.
 */
export class Sql {
  readonly #transaction = new AsyncLocalStorage<TxHandle>();
  /** Statements run and their time, since the store opened (bench:store reads them). */
  readonly stats = { statements: 0, transactions: 0, ms: 0 };

  constructor(
    readonly driver: Driver,
    readonly clock: Clock,
    readonly maxTries: number,
    /** How long a claimed job stays a worker's without a renewal (see queue.ts). */
    readonly leaseMs: number = 60_000,
  ) {}

  get dialect(): Dialect {
    return this.driver.dialect;
  }

  async get<Row>(sql: string, ...params: unknown[]): Promise<Row | undefined> {
    return (await this.#query(sql, params)).rows[0] as Row | undefined;
  }

  async all<Row>(sql: string, ...params: unknown[]): Promise<Row[]> {
    return (await this.#query(sql, params)).rows as Row[];
  }

  /** Runs a write; returns the number of rows changed. */
  async run(sql: string, ...params: unknown[]): Promise<number> {
    return (await this.#query(sql, params)).changes;
  }

  async #query(sql: string, params: unknown[]): Promise<QueryResult> {
    refuseNul(params);
    const started = performance.now();
    try {
      return await this.driver.query(sql, params, this.#transaction.getStore());
    } finally {
      this.stats.statements += 1;
      this.stats.ms += performance.now() - started;
    }
  }

  /**
   * Runs `fn` in a write transaction (see Driver.transaction): it may run
   * more than once on PostgreSQL, so it awaits nothing but this Sql's own
   * queries. A `write` inside a `write` joins the outer transaction.
   */
  write<T>(fn: () => Promise<T>, isolation: Isolation = 'serializable'): Promise<T> {
    if (this.#transaction.getStore() !== undefined) return fn();
    this.stats.transactions += 1;
    return this.driver.transaction((tx) => this.#transaction.run(tx, fn), isolation);
  }

  /** The clock, in stored form. */
  nowMs(): number {
    return this.clock().getTime();
  }
}

/**
 * PostgreSQL's text cannot hold U+0000; SQLite's can. So that both stores
 * keep the same data, such a value is refused on both, as bad input with a
 * code a client understands, before it reaches a driver.
 */
function refuseNul(params: readonly unknown[]): void {
  for (const value of params) {
    if (typeof value === 'string' && value.includes('\u0000')) {
      throw new KodbroError('invalid_argument', 'Text with a NUL character (U+0000) cannot be stored');
    }
  }
}

/**
 * The WHERE condition of an attempt scope over a table alias whose rows carry
 * attempt_id and org_id: the attempt, and for staff the organisation too.
 */
export function attemptScope(scope: AttemptScope, alias: string, attemptColumn = 'attempt_id'): { where: string; params: string[] } {
  return scope.orgId === undefined
    ? { where: `${alias}.${attemptColumn} = ?`, params: [scope.attemptId] }
    : { where: `${alias}.${attemptColumn} = ? AND ${alias}.org_id = ?`, params: [scope.attemptId, scope.orgId] };
}

/**
 * Which running jobs no worker holds any more, for the two queues (queue.ts,
 * validations.ts): those of a process that stopped (`prefix` of its worker
 * ids; '' for all), or those whose lease ran out by `expiredAt`. The WHERE
 * condition, its parameters, and the reason in words.
 */
export function orphaned(which: { prefix: string } | { expiredAt: number }): { where: string; params: unknown[]; why: string } {
  return 'prefix' in which
    ? { where: 'substr(worker_id, 1, CAST(? AS INTEGER)) = ?', params: [which.prefix.length, which.prefix], why: 'The server stopped' }
    : { where: 'COALESCE(lease_expires_at, 0) <= ?', params: [which.expiredAt], why: 'The worker stopped answering' };
}

/** A JSON text column's top-level field as text, in the dialect's words. */
export function jsonText(sql: Sql, column: string, field: string): string {
  if (!/^[a-z_]+$/.test(field)) throw new Error(`jsonText: field ${field} is not a plain name`);
  // json, not jsonb: only the field asked for is decoded, so a \u0000 escape elsewhere in the text does no harm.
  return sql.dialect === 'postgres' ? `(${column}::json ->> '${field}')` : `json_extract(${column}, '$.${field}')`;
}
