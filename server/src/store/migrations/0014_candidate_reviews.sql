-- The recruiter's side of a candidate (issue 13): a staff review per invite
-- (note, rating, shortlist), anonymous review per assessment, and who revealed
-- a candidate's name while it was on.
--
-- anonymous_review: 1 hides every candidate's name and contact from staff
-- responses until a recruiter reveals that one candidate (candidate_reveals).
ALTER TABLE assessments ADD COLUMN anonymous_review INTEGER NOT NULL DEFAULT 0 CHECK (anonymous_review IN (0, 1));

-- One row per reviewed invite; the latest save wins (the note is short text,
-- not a thread). updated_by_name is copied so the row outlives a removed colleague.
CREATE TABLE candidate_reviews (
  org_id           TEXT NOT NULL,
  invite_id        TEXT NOT NULL,
  note             TEXT NOT NULL CHECK (length(note) <= 4000),
  rating           INTEGER CHECK (rating IS NULL OR (rating >= 1 AND rating <= 5)),
  shortlisted      INTEGER NOT NULL CHECK (shortlisted IN (0, 1)),
  updated_by       TEXT,
  updated_by_name  TEXT,
  updated_at       BIGINT NOT NULL,
  PRIMARY KEY (org_id, invite_id),
  FOREIGN KEY (org_id, invite_id) REFERENCES invites (org_id, id)
);

-- The first reveal of an invite's candidate is kept (who and when); a later
-- reveal changes nothing. Never deleted: the record is the point.
CREATE TABLE candidate_reveals (
  org_id            TEXT NOT NULL,
  invite_id         TEXT NOT NULL,
  revealed_by       TEXT,
  revealed_by_name  TEXT,
  revealed_at       BIGINT NOT NULL,
  PRIMARY KEY (org_id, invite_id),
  FOREIGN KEY (org_id, invite_id) REFERENCES invites (org_id, id)
);
