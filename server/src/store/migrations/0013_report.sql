-- Where a submission's first rejected hidden tests part from their answers
-- (JSON, at most 20 tests, each line cut to an excerpt): for staff reports
-- only. Kept apart from `result`, which candidate views are built from, so a
-- quote of a hidden answer can never reach a candidate by a view's mistake.
ALTER TABLE submissions ADD COLUMN differences TEXT;

-- A new event kind, pasted (the candidate's editor saw a paste: a mark in the
-- replay). SQLite cannot change a CHECK constraint, so the table is rebuilt
-- with its rows and its append-only triggers, as in 0003 (PostgreSQL: ALTER
-- TABLE attempt_events DROP CONSTRAINT …, ADD CONSTRAINT … CHECK (kind IN (…))).
CREATE TABLE attempt_events_next (
  org_id      TEXT NOT NULL,
  attempt_id  TEXT NOT NULL,
  seq         INTEGER NOT NULL CHECK (seq >= 1),
  kind        TEXT NOT NULL CHECK (kind IN ('started', 'draft_saved', 'ran_samples', 'ran_custom', 'submitted', 'disconnected', 'reconnected', 'pasted', 'finished', 'history_capped')),
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

-- "Explain your solution": a candidate's answers to a challenge's questions,
-- with the questions as they were asked (in the candidate's language), one
-- row per attempt and challenge, replaced on each save.
CREATE TABLE explanations (
  org_id                TEXT NOT NULL,
  attempt_id            TEXT NOT NULL,
  challenge_version_id  TEXT NOT NULL,
  language              TEXT NOT NULL,
  questions             TEXT NOT NULL, -- JSON array of strings
  answers               TEXT NOT NULL, -- JSON array of strings, one per question
  updated_at            BIGINT NOT NULL,
  PRIMARY KEY (attempt_id, challenge_version_id),
  FOREIGN KEY (org_id, attempt_id) REFERENCES attempts (org_id, id)
);
