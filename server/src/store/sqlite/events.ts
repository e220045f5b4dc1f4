import type { AttemptId, AttemptScope } from '../ids.ts';
import type { AttemptEvent, AttemptEventKind } from '../model.ts';
import { attemptScope, type Sql } from './db.ts';
import { toEvent, toJson, type EventRow } from './rows.ts';

/**
 * Appends an event to the attempt's log with the next sequence number. Call
 * inside a write transaction; the counter lives on the attempt row, so the
 * numbers have no gaps and (on PostgreSQL) the row lock orders writers.
 * Returns undefined when the attempt does not exist.
 */
export function appendEventIn(sql: Sql, attemptId: AttemptId, kind: AttemptEventKind, data: unknown, at: number): AttemptEvent | undefined {
  const counter = sql.get<{ org_id: string; event_seq: number }>(
    'UPDATE attempts SET event_seq = event_seq + 1 WHERE id = ? RETURNING org_id, event_seq',
    attemptId,
  );
  if (!counter) return undefined;
  const text = toJson(data);
  sql.run(
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

export function listEvents(sql: Sql, scope: AttemptScope, afterSeq = 0): AttemptEvent[] {
  const { where, params } = attemptScope(scope, 'e');
  return sql
    .all<EventRow>(`SELECT e.attempt_id, e.seq, e.kind, e.data, e.created_at FROM attempt_events e WHERE ${where} AND e.seq > ? ORDER BY e.seq`, ...params, afterSeq)
    .map(toEvent);
}
