import type Database from 'better-sqlite3';
import type { AttemptScope } from '../ids.ts';
import type { Clock } from '../store.ts';

/**
 * What every SQLite query module shares: the connection, a statement cache,
 * write transactions, the clock and the queue's try limit.
 */
export class Sql {
  readonly #cache = new Map<string, Database.Statement>();

  constructor(
    readonly db: Database.Database,
    readonly clock: Clock,
    readonly maxTries: number,
  ) {}

  /** A prepared statement, made once per SQL text. */
  stmt(sql: string): Database.Statement {
    let statement = this.#cache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.#cache.set(sql, statement);
    }
    return statement;
  }

  get<Row>(sql: string, ...params: unknown[]): Row | undefined {
    return this.stmt(sql).get(...params) as Row | undefined;
  }

  all<Row>(sql: string, ...params: unknown[]): Row[] {
    return this.stmt(sql).all(...params) as Row[];
  }

  /** Rows one at a time: a reader that stops early (a page full by bytes) never loads the rest. */
  iterate<Row>(sql: string, ...params: unknown[]): IterableIterator<Row> {
    return this.stmt(sql).iterate(...params) as IterableIterator<Row>;
  }

  /** Runs a write; returns the number of rows changed. */
  run(sql: string, ...params: unknown[]): number {
    return this.stmt(sql).run(...params).changes;
  }

  /**
   * Runs `fn` in a write transaction begun with BEGIN IMMEDIATE (SQLite-only
   * wording): the write lock is taken first, so two connections never both
   * read and then race to write, and a waiting one honours busy_timeout.
   */
  write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** The clock, in stored form. */
  nowMs(): number {
    return this.clock().getTime();
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
