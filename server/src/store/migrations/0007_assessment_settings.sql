-- Assessment settings for issue 12, and the record of every change.
--
-- interface_languages: a JSON array of locale codes offered to candidates;
-- NULL (every assessment made before) offers every locale the client has.
-- second_language_percent: extra time, in percent of the time limit, for a
-- candidate who reads a task in a language other than their first; 0 = off.
ALTER TABLE assessments ADD COLUMN interface_languages TEXT;
ALTER TABLE assessments ADD COLUMN second_language_percent INTEGER NOT NULL DEFAULT 25
  CHECK (second_language_percent >= 0 AND second_language_percent <= 100);

-- Append-only: who changed what and when. staff_user_id is not a foreign key
-- and staff_name is copied, so the record outlives a removed colleague.
CREATE TABLE assessment_changes (
  id             TEXT PRIMARY KEY,
  org_id         TEXT NOT NULL,
  assessment_id  TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('created', 'updated')),
  staff_user_id  TEXT,
  staff_name     TEXT,
  copied_from    TEXT, -- the assessment a duplicate was made from
  changes        TEXT NOT NULL, -- JSON: [{ field, from, to }]
  created_at     BIGINT NOT NULL,
  FOREIGN KEY (org_id, assessment_id) REFERENCES assessments (org_id, id)
);
CREATE INDEX assessment_changes_assessment ON assessment_changes (org_id, assessment_id, created_at);

-- SQLite-only (PostgreSQL: REVOKE UPDATE, DELETE from the app role).
CREATE TRIGGER assessment_changes_append_only_update BEFORE UPDATE ON assessment_changes
BEGIN
  SELECT RAISE(ABORT, 'assessment_changes is append-only');
END;
CREATE TRIGGER assessment_changes_append_only_delete BEFORE DELETE ON assessment_changes
BEGIN
  SELECT RAISE(ABORT, 'assessment_changes is append-only');
END;
