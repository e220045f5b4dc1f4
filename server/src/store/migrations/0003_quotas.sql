-- What one attempt or invite may write (store/quotas.ts), kept on the rows
-- the writes already touch, so every process sharing the database enforces
-- the same limits inside the write's own transaction.

-- The draft-save token bucket (NULL: full), the replay history's size and
-- cap, and the bytes the attempt's runs store.
ALTER TABLE attempts ADD COLUMN draft_tokens REAL;
ALTER TABLE attempts ADD COLUMN draft_tokens_at BIGINT;
ALTER TABLE attempts ADD COLUMN history_bytes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE attempts ADD COLUMN history_capped_at BIGINT;
ALTER TABLE attempts ADD COLUMN run_bytes BIGINT NOT NULL DEFAULT 0;

-- When the history last took a draft's whole text (NULL: never, so the next
-- save does), and how many edits it recorded since.
ALTER TABLE drafts ADD COLUMN snapshot_at BIGINT;
ALTER TABLE drafts ADD COLUMN edits_since_snapshot INTEGER NOT NULL DEFAULT 0;

-- Bytes each submission stores (source, custom input, result): pages of a
-- recruiter's read are cut by them.
ALTER TABLE submissions ADD COLUMN stored_bytes BIGINT NOT NULL DEFAULT 0;

-- What existing rows already hold. SQLite-only: length(CAST(x AS BLOB)) is
-- the UTF-8 length (PostgreSQL: octet_length(x)).
UPDATE submissions
   SET stored_bytes = length(CAST(source AS BLOB)) + COALESCE(length(CAST(custom_input AS BLOB)), 0) + COALESCE(length(CAST(result AS BLOB)), 0);
UPDATE attempts
   SET run_bytes = (SELECT COALESCE(SUM(s.stored_bytes), 0) FROM submissions s WHERE s.attempt_id = attempts.id),
       history_bytes = (SELECT COALESCE(SUM(length(CAST(e.data AS BLOB))), 0) FROM attempt_events e
                         WHERE e.attempt_id = attempts.id AND e.kind IN ('draft_saved', 'disconnected', 'reconnected'));

-- Sessions per invite, oldest first, for the cap.
CREATE INDEX sessions_invite ON sessions (invite_id, created_at) WHERE invite_id IS NOT NULL;

-- A new event kind, history_capped. SQLite cannot change a CHECK constraint,
-- so the table is rebuilt with its rows and its append-only triggers
-- (PostgreSQL: ALTER TABLE attempt_events DROP CONSTRAINT …, ADD CONSTRAINT
-- … CHECK (kind IN (…))). DROP TABLE fires no DELETE trigger; nothing
-- references attempt_events.
CREATE TABLE attempt_events_next (
  org_id      TEXT NOT NULL,
  attempt_id  TEXT NOT NULL,
  seq         INTEGER NOT NULL CHECK (seq >= 1),
  kind        TEXT NOT NULL CHECK (kind IN ('started', 'draft_saved', 'ran_samples', 'ran_custom', 'submitted', 'disconnected', 'reconnected', 'finished', 'history_capped')),
  data        TEXT, -- JSON
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (attempt_id, seq),
  FOREIGN KEY (org_id, attempt_id) REFERENCES attempts (org_id, id)
);
INSERT INTO attempt_events_next (org_id, attempt_id, seq, kind, data, created_at)
  SELECT org_id, attempt_id, seq, kind, data, created_at FROM attempt_events;
DROP TABLE attempt_events;
ALTER TABLE attempt_events_next RENAME TO attempt_events;

-- SQLite-only, as in 0001.
CREATE TRIGGER attempt_events_append_only_update BEFORE UPDATE ON attempt_events
BEGIN
  SELECT RAISE(ABORT, 'attempt_events is append-only');
END;
CREATE TRIGGER attempt_events_append_only_delete BEFORE DELETE ON attempt_events
BEGIN
  SELECT RAISE(ABORT, 'attempt_events is append-only');
END;
