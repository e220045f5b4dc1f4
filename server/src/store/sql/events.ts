import type { AttemptId, AttemptScope } from '../ids.ts';
import type { AttemptEvent, AttemptEventKind } from '../model.ts';
import { utf8Bytes } from '../quotas.ts';
import type { Page, PageRequest } from '../store.ts';
import { attemptScope, type Sql } from './db.ts';
import { toEvent, toJson, type EventRow } from './rows.ts';

/**
 * Appends an event to the attempt's log with the next sequence number. Call
 * inside a write transaction; the counter lives on the attempt row, so the
 * numbers have no gaps and (on PostgreSQL) the row lock orders writers.
 * Returns undefined when the attempt does not exist.
 */
export async function appendEventIn(sql: Sql, attemptId: AttemptId, kind: AttemptEventKind, data: unknown, at: number): Promise<AttemptEvent | undefined> {
  return await appendText(sql, attemptId, kind, toJson(data), at);
}

async function appendText(sql: Sql, attemptId: AttemptId, kind: AttemptEventKind, text: string, at: number): Promise<AttemptEvent | undefined> {
  const counter = await sql.get<{ org_id: string; event_seq: number }>(
    'UPDATE attempts SET event_seq = event_seq + 1 WHERE id = ? RETURNING org_id, event_seq',
    attemptId,
  );
  if (!counter) return undefined;
  await sql.run(
    'INSERT INTO attempt_events (org_id, attempt_id, seq, kind, data, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    counter.org_id,
    attemptId,
    counter.event_seq,
    kind,
    text,
    at,
  );
  return { attemptId, seq: counter.event_seq, kind, data: JSON.parse(text) as unknown, at: new Date(at) };
}

/**
 * Appends an event of the replay history (a draft save, a connection change)
 * while the attempt's history stays within `limitBytes`. The first event that
 * would not fit is replaced by one `history_capped`; from then on nothing of
 * the history is recorded. Returns the event, or undefined when it was not
 * recorded. Call inside a write transaction.
 */
export async function appendHistoryIn(
  sql: Sql,
  limitBytes: number,
  attemptId: AttemptId,
  kind: AttemptEventKind,
  data: unknown,
  at: number,
): Promise<AttemptEvent | undefined> {
  const attempt = await sql.get<{ history_bytes: number; history_capped_at: number | null }>('SELECT history_bytes, history_capped_at FROM attempts WHERE id = ?', attemptId);
  if (!attempt || attempt.history_capped_at !== null) return undefined;
  const text = toJson(data);
  const bytes = utf8Bytes(text);
  if (attempt.history_bytes + bytes > limitBytes) {
    await sql.run('UPDATE attempts SET history_capped_at = ? WHERE id = ?', at, attemptId);
    await appendEventIn(sql, attemptId, 'history_capped', { limitBytes, keptBytes: attempt.history_bytes }, at);
    return undefined;
  }
  await sql.run('UPDATE attempts SET history_bytes = history_bytes + ? WHERE id = ?', bytes, attemptId);
  return await appendText(sql, attemptId, kind, text, at);
}

export async function listEvents(sql: Sql, scope: AttemptScope, afterSeq = 0): Promise<AttemptEvent[]> {
  const { where, params } = attemptScope(scope, 'e');
  const rows = await sql.all<EventRow>(
    `SELECT e.attempt_id, e.seq, e.kind, e.data, e.created_at FROM attempt_events e WHERE ${where} AND e.seq > ? ORDER BY e.seq`,
    ...params,
    afterSeq,
  );
  return rows.map(toEvent);
}

/** Roughly what one event adds to a JSON answer besides its data. */
const EVENT_OVERHEAD_BYTES = 80;

export async function listEventsPage(sql: Sql, scope: AttemptScope, page: PageRequest): Promise<Page<AttemptEvent>> {
  const { where, params } = attemptScope(scope, 'e');
  const rows = await sql.all<EventRow>(
    `SELECT e.attempt_id, e.seq, e.kind, e.data, e.created_at FROM attempt_events e WHERE ${where} AND e.seq > ? ORDER BY e.seq LIMIT ?`,
    ...params,
    page.after ?? 0,
    page.limit + 1,
  );
  return pageOf(rows, page, (row) => EVENT_OVERHEAD_BYTES + (row.data === null ? 0 : utf8Bytes(row.data)), toEvent, (row) => row.seq);
}

/**
 * Takes rows until the page holds `limit` of them or the next would pass
 * `maxBytes` (the first row always fits, whatever its size). `next` is the
 * cursor of the last row taken when a row was left, else null.
 */
export function pageOf<Row, T>(rows: Iterable<Row>, page: PageRequest, bytesOf: (row: Row) => number, map: (row: Row) => T, cursorOf: (row: Row) => number): Page<T> {
  const items: T[] = [];
  let bytes = 0;
  let last: Row | undefined;
  for (const row of rows) {
    const size = bytesOf(row);
    if (items.length === page.limit || (items.length > 0 && bytes + size > page.maxBytes)) {
      return { items, next: cursorOf(last as Row) };
    }
    items.push(map(row));
    bytes += size;
    last = row;
  }
  return { items, next: null };
}
