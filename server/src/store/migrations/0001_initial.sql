-- Kodbro's first schema.
--
-- Portable on purpose: the same statements run on PostgreSQL except where a
-- comment says "SQLite-only". Conventions:
--   * ids are TEXT (UUIDs); times are BIGINT milliseconds since the epoch, UTC;
--   * booleans are INTEGER 0/1 with a CHECK (valid in both dialects);
--   * JSON is TEXT (PostgreSQL may prefer JSONB);
--   * every table below organisations carries org_id, and every reference to
--     another organisation-owned row is a composite foreign key on
--     (org_id, id), so the database itself refuses a row that points into
--     another organisation (an assessment using another org's challenge, an
--     attempt on another org's invite).

CREATE TABLE organisations (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  slug        TEXT NOT NULL UNIQUE,
  created_at  BIGINT NOT NULL
);

CREATE TABLE staff_users (
  id             TEXT PRIMARY KEY,
  org_id         TEXT NOT NULL REFERENCES organisations (id),
  email          TEXT NOT NULL UNIQUE,
  display_name   TEXT NOT NULL,
  password_hash  TEXT NOT NULL,
  is_author      INTEGER NOT NULL CHECK (is_author IN (0, 1)),
  is_recruiter   INTEGER NOT NULL CHECK (is_recruiter IN (0, 1)),
  is_admin       INTEGER NOT NULL CHECK (is_admin IN (0, 1)),
  created_at     BIGINT NOT NULL,
  UNIQUE (org_id, id)
);
-- One admin per organisation (a partial unique index: SQLite and PostgreSQL both have them).
CREATE UNIQUE INDEX staff_users_one_admin ON staff_users (org_id) WHERE is_admin = 1;

CREATE TABLE challenges (
  id              TEXT PRIMARY KEY,
  org_id          TEXT NOT NULL REFERENCES organisations (id),
  slug            TEXT NOT NULL,
  title           TEXT NOT NULL,
  latest_version  INTEGER NOT NULL CHECK (latest_version >= 1),
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL,
  UNIQUE (org_id, slug),
  UNIQUE (org_id, id)
);

CREATE TABLE challenge_versions (
  id            TEXT PRIMARY KEY,
  org_id        TEXT NOT NULL,
  challenge_id  TEXT NOT NULL,
  version       INTEGER NOT NULL CHECK (version >= 1),
  title         TEXT NOT NULL,
  content_hash  TEXT NOT NULL,
  meta          TEXT NOT NULL,
  data          BLOB NOT NULL, -- PostgreSQL: BYTEA
  created_at    BIGINT NOT NULL,
  UNIQUE (challenge_id, version),
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, challenge_id) REFERENCES challenges (org_id, id)
);

CREATE TABLE assessments (
  id                  TEXT PRIMARY KEY,
  org_id              TEXT NOT NULL REFERENCES organisations (id),
  title               TEXT NOT NULL,
  time_limit_minutes  INTEGER NOT NULL CHECK (time_limit_minutes > 0),
  opens_at            BIGINT NOT NULL,
  closes_at           BIGINT NOT NULL,
  results_visibility  TEXT NOT NULL CHECK (results_visibility IN ('none', 'aggregate', 'samples')),
  created_at          BIGINT NOT NULL,
  CHECK (closes_at > opens_at),
  UNIQUE (org_id, id)
);

CREATE TABLE assessment_challenges (
  org_id                TEXT NOT NULL,
  assessment_id         TEXT NOT NULL,
  position              INTEGER NOT NULL CHECK (position >= 0),
  challenge_version_id  TEXT NOT NULL,
  PRIMARY KEY (assessment_id, position),
  UNIQUE (assessment_id, challenge_version_id),
  FOREIGN KEY (org_id, assessment_id) REFERENCES assessments (org_id, id),
  FOREIGN KEY (org_id, challenge_version_id) REFERENCES challenge_versions (org_id, id)
);

CREATE TABLE invites (
  id               TEXT PRIMARY KEY,
  org_id           TEXT NOT NULL,
  assessment_id    TEXT NOT NULL,
  token_hash       TEXT NOT NULL UNIQUE, -- SHA-256 of the link token, hex; the token itself is never stored
  short_code       TEXT NOT NULL UNIQUE,
  candidate_name   TEXT,
  candidate_email  TEXT,
  created_at       BIGINT NOT NULL,
  revoked_at       BIGINT,
  UNIQUE (org_id, id),
  UNIQUE (org_id, assessment_id, id),
  FOREIGN KEY (org_id, assessment_id) REFERENCES assessments (org_id, id)
);

CREATE TABLE attempts (
  id             TEXT PRIMARY KEY,
  org_id         TEXT NOT NULL,
  invite_id      TEXT NOT NULL UNIQUE, -- one attempt per invite
  assessment_id  TEXT NOT NULL,
  started_at     BIGINT NOT NULL,
  deadline_at    BIGINT NOT NULL,
  finished_at    BIGINT,
  event_seq      INTEGER NOT NULL DEFAULT 0, -- last sequence number handed to attempt_events
  UNIQUE (org_id, id),
  -- the invite's organisation and assessment, both at once
  FOREIGN KEY (org_id, assessment_id, invite_id) REFERENCES invites (org_id, assessment_id, id)
);
CREATE INDEX attempts_assessment ON attempts (org_id, assessment_id);

CREATE TABLE drafts (
  org_id                TEXT NOT NULL,
  attempt_id            TEXT NOT NULL,
  challenge_version_id  TEXT NOT NULL,
  language              TEXT NOT NULL,
  source                TEXT NOT NULL,
  revision              INTEGER NOT NULL CHECK (revision >= 1),
  updated_at            BIGINT NOT NULL,
  PRIMARY KEY (attempt_id, challenge_version_id, language),
  FOREIGN KEY (org_id, attempt_id) REFERENCES attempts (org_id, id),
  FOREIGN KEY (org_id, challenge_version_id) REFERENCES challenge_versions (org_id, id)
);

-- A submission row is also its queue job (status, tries, available_at, worker_id).
CREATE TABLE submissions (
  id                    TEXT PRIMARY KEY, -- the client's UUID: the idempotency key
  org_id                TEXT NOT NULL,
  attempt_id            TEXT NOT NULL,
  challenge_version_id  TEXT NOT NULL,
  kind                  TEXT NOT NULL CHECK (kind IN ('submit', 'samples', 'custom')),
  language              TEXT NOT NULL,
  source                TEXT NOT NULL,
  custom_input          TEXT,
  status                TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  result                TEXT, -- JSON
  error                 TEXT,
  tries                 INTEGER NOT NULL DEFAULT 0 CHECK (tries >= 0),
  queue_seq             BIGINT NOT NULL UNIQUE, -- arrival order; PostgreSQL: from a SEQUENCE
  available_at          BIGINT NOT NULL, -- not claimed before this (retry backoff)
  worker_id             TEXT,
  created_at            BIGINT NOT NULL,
  updated_at            BIGINT NOT NULL,
  started_at            BIGINT,
  finished_at           BIGINT,
  CHECK ((kind = 'custom') = (custom_input IS NOT NULL)),
  CHECK ((status = 'running') = (worker_id IS NOT NULL)),
  FOREIGN KEY (org_id, attempt_id) REFERENCES attempts (org_id, id),
  FOREIGN KEY (org_id, challenge_version_id) REFERENCES challenge_versions (org_id, id)
);
CREATE INDEX submissions_attempt ON submissions (attempt_id, queue_seq);
CREATE INDEX submissions_waiting ON submissions (queue_seq) WHERE status = 'queued';
CREATE INDEX submissions_running ON submissions (attempt_id) WHERE status = 'running';

CREATE TABLE attempt_events (
  org_id      TEXT NOT NULL,
  attempt_id  TEXT NOT NULL,
  seq         INTEGER NOT NULL CHECK (seq >= 1),
  kind        TEXT NOT NULL CHECK (kind IN ('started', 'draft_saved', 'ran_samples', 'ran_custom', 'submitted', 'disconnected', 'reconnected', 'finished')),
  data        TEXT, -- JSON
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (attempt_id, seq),
  FOREIGN KEY (org_id, attempt_id) REFERENCES attempts (org_id, id)
);

-- SQLite-only: immutability enforced by triggers (PostgreSQL: a trigger
-- function raising an exception, or REVOKE UPDATE, DELETE from the app role).
CREATE TRIGGER attempt_events_append_only_update BEFORE UPDATE ON attempt_events
BEGIN
  SELECT RAISE(ABORT, 'attempt_events is append-only');
END;
CREATE TRIGGER attempt_events_append_only_delete BEFORE DELETE ON attempt_events
BEGIN
  SELECT RAISE(ABORT, 'attempt_events is append-only');
END;
CREATE TRIGGER challenge_versions_immutable BEFORE UPDATE ON challenge_versions
BEGIN
  SELECT RAISE(ABORT, 'challenge_versions are immutable');
END;
