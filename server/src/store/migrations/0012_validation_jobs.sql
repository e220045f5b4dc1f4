-- Validations of challenge drafts as jobs of the durable queue, claimed by
-- the same workers as candidates' submissions (after them), re-queued after
-- a crash and released on shutdown like them. A job carries the draft's
-- document as it was at the revision validated, so later edits do not change
-- what it judges. `started_at` is the validation's startedAt (ISO text): the
-- key the draft's validation record is written under, so a finished old run
-- never replaces a newer one.
-- Portable: PostgreSQL takes the same statements (document may be JSONB there).
CREATE TABLE validation_jobs (
  id            TEXT PRIMARY KEY,
  org_id        TEXT NOT NULL REFERENCES organisations (id),
  draft_id      TEXT NOT NULL,
  slug          TEXT NOT NULL,
  revision      BIGINT NOT NULL,
  document      TEXT NOT NULL,
  started_at    TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  worker_id     TEXT,
  tries         INTEGER NOT NULL DEFAULT 0,
  error         TEXT,
  available_at  BIGINT NOT NULL,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL
);

-- Claiming: the waiting jobs whose time has come, oldest first.
CREATE INDEX validation_jobs_claim ON validation_jobs (status, available_at, created_at);
-- "Has the organisation a validation queued or running?"
CREATE INDEX validation_jobs_org ON validation_jobs (org_id, status);
