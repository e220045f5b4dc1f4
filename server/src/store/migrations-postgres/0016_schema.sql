-- PostgreSQL: the schema that SQLite reaches with migrations 0001 to 0016, in one step. Column for
-- column the same as SQLite's (INTEGER → BIGINT, REAL → DOUBLE PRECISION, BLOB → BYTEA, JSON as TEXT),
-- so one set of queries serves both. Migrations from 0017 on are written for both dialects.

CREATE TABLE organisations (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  slug        TEXT NOT NULL UNIQUE,
  created_at  BIGINT NOT NULL
);

CREATE TABLE staff_users (
  id             TEXT PRIMARY KEY,
  org_id         TEXT NOT NULL REFERENCES organisations (id),
  email          TEXT NOT NULL,
  display_name   TEXT NOT NULL,
  password_hash  TEXT NOT NULL,
  is_author      BIGINT NOT NULL CHECK (is_author IN (0, 1)),
  is_recruiter   BIGINT NOT NULL CHECK (is_recruiter IN (0, 1)),
  is_admin       BIGINT NOT NULL CHECK (is_admin IN (0, 1)),
  created_at     BIGINT NOT NULL,
  UNIQUE (org_id, id),
  UNIQUE (org_id, email)
);
CREATE INDEX staff_users_email ON staff_users (email);

CREATE TABLE staff_welcomes (
  token_hash  TEXT PRIMARY KEY,
  org_id      TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL,
  FOREIGN KEY (org_id, user_id) REFERENCES staff_users (org_id, id)
);
CREATE INDEX staff_welcomes_user ON staff_welcomes (org_id, user_id);

CREATE TABLE challenges (
  id              TEXT PRIMARY KEY,
  org_id          TEXT NOT NULL REFERENCES organisations (id),
  slug            TEXT NOT NULL,
  title           TEXT NOT NULL,
  latest_version  BIGINT NOT NULL CHECK (latest_version >= 1),
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL,
  archived_at     BIGINT,
  UNIQUE (org_id, slug),
  UNIQUE (org_id, id)
);

CREATE TABLE challenge_versions (
  id            TEXT PRIMARY KEY,
  org_id        TEXT NOT NULL,
  challenge_id  TEXT NOT NULL,
  version       BIGINT NOT NULL CHECK (version >= 1),
  title         TEXT NOT NULL,
  content_hash  TEXT NOT NULL,
  meta          TEXT NOT NULL,
  created_at    BIGINT NOT NULL,
  UNIQUE (challenge_id, version),
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, challenge_id) REFERENCES challenges (org_id, id)
);

CREATE TABLE challenge_packages (
  id            TEXT PRIMARY KEY,
  org_id        TEXT NOT NULL REFERENCES organisations (id),
  content_hash  TEXT NOT NULL,
  bytes         BIGINT NOT NULL CHECK (bytes >= 0),
  stored_at     BIGINT,
  created_at    BIGINT NOT NULL
);
CREATE UNIQUE INDEX challenge_packages_stored ON challenge_packages (org_id, content_hash) WHERE stored_at IS NOT NULL;
CREATE INDEX challenge_packages_unstored ON challenge_packages (created_at) WHERE stored_at IS NULL;

CREATE TABLE challenge_package_chunks (
  package_id  TEXT NOT NULL REFERENCES challenge_packages (id),
  seq         BIGINT NOT NULL CHECK (seq >= 0),
  data        BYTEA NOT NULL,
  PRIMARY KEY (package_id, seq)
);

CREATE TABLE assessments (
  id                       TEXT PRIMARY KEY,
  org_id                   TEXT NOT NULL REFERENCES organisations (id),
  title                    TEXT NOT NULL,
  time_limit_minutes       BIGINT NOT NULL CHECK (time_limit_minutes > 0),
  opens_at                 BIGINT NOT NULL,
  closes_at                BIGINT NOT NULL,
  results_visibility       TEXT NOT NULL CHECK (results_visibility IN ('none', 'aggregate', 'samples')),
  created_at               BIGINT NOT NULL,
  interface_languages      TEXT,
  second_language_percent  BIGINT NOT NULL DEFAULT 25 CHECK (second_language_percent >= 0 AND second_language_percent <= 100),
  anonymous_review         BIGINT NOT NULL DEFAULT 0 CHECK (anonymous_review IN (0, 1)),
  CHECK (closes_at > opens_at),
  UNIQUE (org_id, id)
);

CREATE TABLE assessment_challenges (
  org_id                TEXT NOT NULL,
  assessment_id         TEXT NOT NULL,
  position              BIGINT NOT NULL CHECK (position >= 0),
  challenge_version_id  TEXT NOT NULL,
  PRIMARY KEY (assessment_id, position),
  UNIQUE (assessment_id, challenge_version_id),
  FOREIGN KEY (org_id, assessment_id) REFERENCES assessments (org_id, id),
  FOREIGN KEY (org_id, challenge_version_id) REFERENCES challenge_versions (org_id, id)
);
CREATE INDEX assessment_challenges_version ON assessment_challenges (org_id, challenge_version_id);

CREATE TABLE assessment_changes (
  id             TEXT PRIMARY KEY,
  org_id         TEXT NOT NULL,
  assessment_id  TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('created', 'updated')),
  staff_user_id  TEXT,
  staff_name     TEXT,
  copied_from    TEXT,
  changes        TEXT NOT NULL,
  created_at     BIGINT NOT NULL,
  FOREIGN KEY (org_id, assessment_id) REFERENCES assessments (org_id, id)
);
CREATE INDEX assessment_changes_assessment ON assessment_changes (org_id, assessment_id, created_at);

CREATE TABLE invites (
  id                  TEXT PRIMARY KEY,
  org_id              TEXT NOT NULL,
  assessment_id       TEXT NOT NULL,
  token_hash          TEXT NOT NULL UNIQUE, -- SHA-256 of the link token, hex; the token itself is never stored
  short_code          TEXT NOT NULL UNIQUE,
  candidate_name      TEXT,
  contact             TEXT,
  created_at          BIGINT NOT NULL,
  revoked_at          BIGINT,
  preferred_language  TEXT,
  extra_minutes       BIGINT NOT NULL DEFAULT 0 CHECK (extra_minutes BETWEEN 0 AND 600),
  expires_at          BIGINT,
  token_sealed        TEXT,
  import_key          TEXT,
  UNIQUE (org_id, id),
  UNIQUE (org_id, assessment_id, id),
  FOREIGN KEY (org_id, assessment_id) REFERENCES assessments (org_id, id)
);
CREATE UNIQUE INDEX invites_import_key ON invites (assessment_id, import_key) WHERE import_key IS NOT NULL;

CREATE TABLE attempts (
  id                 TEXT PRIMARY KEY,
  org_id             TEXT NOT NULL,
  invite_id          TEXT NOT NULL UNIQUE, -- one attempt per invite
  assessment_id      TEXT NOT NULL,
  started_at         BIGINT NOT NULL,
  deadline_at        BIGINT NOT NULL,
  finished_at        BIGINT,
  event_seq          BIGINT NOT NULL DEFAULT 0, -- last sequence number handed to attempt_events
  draft_tokens       DOUBLE PRECISION,
  draft_tokens_at    BIGINT,
  history_bytes      BIGINT NOT NULL DEFAULT 0,
  history_capped_at  BIGINT,
  run_bytes          BIGINT NOT NULL DEFAULT 0,
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, assessment_id, invite_id) REFERENCES invites (org_id, assessment_id, id)
);
CREATE INDEX attempts_assessment ON attempts (org_id, assessment_id);
CREATE INDEX attempts_open_deadline ON attempts (deadline_at) WHERE finished_at IS NULL;

CREATE TABLE drafts (
  org_id                TEXT NOT NULL,
  attempt_id            TEXT NOT NULL,
  challenge_version_id  TEXT NOT NULL,
  language              TEXT NOT NULL,
  source                TEXT NOT NULL,
  revision              BIGINT NOT NULL CHECK (revision >= 1),
  updated_at            BIGINT NOT NULL,
  snapshot_at           BIGINT,
  edits_since_snapshot  BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (attempt_id, challenge_version_id, language),
  FOREIGN KEY (org_id, attempt_id) REFERENCES attempts (org_id, id),
  FOREIGN KEY (org_id, challenge_version_id) REFERENCES challenge_versions (org_id, id)
);

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
  result                TEXT,
  error                 TEXT,
  tries                 BIGINT NOT NULL DEFAULT 0 CHECK (tries >= 0),
  queue_seq             BIGINT NOT NULL UNIQUE, -- arrival order
  available_at          BIGINT NOT NULL, -- not claimed before this (retry backoff)
  worker_id             TEXT,
  created_at            BIGINT NOT NULL,
  updated_at            BIGINT NOT NULL,
  started_at            BIGINT,
  finished_at           BIGINT,
  stored_bytes          BIGINT NOT NULL DEFAULT 0,
  origin                TEXT NOT NULL DEFAULT 'candidate' CHECK (origin IN ('candidate', 'time_up') AND (origin = 'candidate' OR kind = 'submit')),
  differences           TEXT,
  lease_expires_at      BIGINT, -- a running job's lease (SQLite's 0016)
  CHECK ((kind = 'custom') = (custom_input IS NOT NULL)),
  CHECK ((status = 'running') = (worker_id IS NOT NULL)),
  FOREIGN KEY (org_id, attempt_id) REFERENCES attempts (org_id, id),
  FOREIGN KEY (org_id, challenge_version_id) REFERENCES challenge_versions (org_id, id)
);
-- Arrival order (SQLite: MAX() + 1 under its single writer); see nextQueueSeq in sql/submissions.ts.
CREATE SEQUENCE submissions_queue_seq OWNED BY submissions.queue_seq;
CREATE INDEX submissions_attempt ON submissions (attempt_id, queue_seq);
CREATE INDEX submissions_waiting ON submissions (queue_seq) WHERE status = 'queued';
CREATE INDEX submissions_running ON submissions (attempt_id) WHERE status = 'running';
CREATE INDEX submissions_lease ON submissions (lease_expires_at) WHERE status = 'running';

CREATE TABLE sessions (
  id_hash     TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('staff', 'candidate')),
  org_id      TEXT NOT NULL REFERENCES organisations (id),
  user_id     TEXT,
  invite_id   TEXT,
  csrf_token  TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL,
  CHECK ((kind = 'staff') = (user_id IS NOT NULL)),
  CHECK ((kind = 'candidate') = (invite_id IS NOT NULL)),
  FOREIGN KEY (org_id, user_id) REFERENCES staff_users (org_id, id),
  FOREIGN KEY (org_id, invite_id) REFERENCES invites (org_id, id)
);
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE INDEX sessions_invite ON sessions (invite_id, created_at) WHERE invite_id IS NOT NULL;

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
  tries         BIGINT NOT NULL DEFAULT 0,
  error         TEXT,
  available_at  BIGINT NOT NULL,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL,
  lease_expires_at  BIGINT
);
CREATE INDEX validation_jobs_lease ON validation_jobs (lease_expires_at) WHERE status = 'running';
CREATE INDEX validation_jobs_claim ON validation_jobs (status, available_at, created_at);
CREATE INDEX validation_jobs_org ON validation_jobs (org_id, status);

CREATE TABLE attempt_events (
  org_id      TEXT NOT NULL,
  attempt_id  TEXT NOT NULL,
  seq         BIGINT NOT NULL CHECK (seq >= 1),
  kind        TEXT NOT NULL CHECK (kind IN ('started', 'draft_saved', 'ran_samples', 'ran_custom', 'submitted', 'disconnected', 'reconnected', 'pasted', 'finished', 'history_capped')),
  data        TEXT,
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (attempt_id, seq),
  FOREIGN KEY (org_id, attempt_id) REFERENCES attempts (org_id, id)
);

CREATE TABLE explanations (
  org_id                TEXT NOT NULL,
  attempt_id            TEXT NOT NULL,
  challenge_version_id  TEXT NOT NULL,
  language              TEXT NOT NULL,
  questions             TEXT NOT NULL,
  answers               TEXT NOT NULL,
  updated_at            BIGINT NOT NULL,
  PRIMARY KEY (attempt_id, challenge_version_id),
  FOREIGN KEY (org_id, attempt_id) REFERENCES attempts (org_id, id)
);

CREATE TABLE candidate_reviews (
  org_id           TEXT NOT NULL,
  invite_id        TEXT NOT NULL,
  note             TEXT NOT NULL CHECK (length(note) <= 4000),
  rating           BIGINT CHECK (rating IS NULL OR (rating >= 1 AND rating <= 5)),
  shortlisted      BIGINT NOT NULL CHECK (shortlisted IN (0, 1)),
  updated_by       TEXT,
  updated_by_name  TEXT,
  updated_at       BIGINT NOT NULL,
  PRIMARY KEY (org_id, invite_id),
  FOREIGN KEY (org_id, invite_id) REFERENCES invites (org_id, id)
);

CREATE TABLE candidate_reveals (
  org_id            TEXT NOT NULL,
  invite_id         TEXT NOT NULL,
  revealed_by       TEXT,
  revealed_by_name  TEXT,
  revealed_at       BIGINT NOT NULL,
  PRIMARY KEY (org_id, invite_id),
  FOREIGN KEY (org_id, invite_id) REFERENCES invites (org_id, id)
);

CREATE TABLE shared_results (
  id             TEXT PRIMARY KEY,
  org_id         TEXT NOT NULL,
  attempt_id     TEXT NOT NULL UNIQUE,
  document       TEXT NOT NULL,
  signature      TEXT NOT NULL,
  key_id         TEXT NOT NULL,
  shareable      BIGINT NOT NULL CHECK (shareable IN (0, 1)),
  created_at     BIGINT NOT NULL,
  revoked_at     BIGINT,
  revoked_by     TEXT,
  revoke_reason  TEXT,
  FOREIGN KEY (org_id, attempt_id) REFERENCES attempts (org_id, id)
);

-- What SQLite's RAISE(ABORT) triggers refuse, refused the same way.
CREATE FUNCTION kodbro_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0];
END;
$$;
CREATE TRIGGER challenge_versions_immutable BEFORE UPDATE ON challenge_versions
  FOR EACH ROW EXECUTE FUNCTION kodbro_refuse('challenge_versions are immutable');
CREATE TRIGGER assessment_changes_append_only BEFORE UPDATE OR DELETE ON assessment_changes
  FOR EACH ROW EXECUTE FUNCTION kodbro_refuse('assessment_changes is append-only');
CREATE TRIGGER attempt_events_append_only BEFORE UPDATE OR DELETE ON attempt_events
  FOR EACH ROW EXECUTE FUNCTION kodbro_refuse('attempt_events is append-only');

-- PostgreSQL only: socket.io's PostgreSQL adapter carries events between web and worker processes by
-- NOTIFY; a payload over its threshold goes through this table (@socket.io/postgres-adapter's schema).
CREATE TABLE socket_io_attachments (
  id          BIGSERIAL UNIQUE,
  created_at  TIMESTAMPTZ DEFAULT NOW(),
  payload     BYTEA
);
