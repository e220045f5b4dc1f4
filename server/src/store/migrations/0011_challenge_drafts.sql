-- Challenge drafts: a challenge being written in the browser, one per
-- challenge (slug) and organisation, as a JSON document with a revision for
-- optimistic concurrency, and the latest validation (JSON, with the revision
-- it validated). Publishing turns the document into a package and a new
-- immutable version; the draft stays for the next edit.
-- Portable: PostgreSQL takes the same statements (JSON may be JSONB there).
CREATE TABLE challenge_drafts (
  id          TEXT PRIMARY KEY,
  org_id      TEXT NOT NULL REFERENCES organisations (id),
  slug        TEXT NOT NULL,
  document    TEXT NOT NULL,
  revision    BIGINT NOT NULL,
  validation  TEXT,
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL,
  UNIQUE (org_id, slug)
);
