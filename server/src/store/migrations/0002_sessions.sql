-- Sign-in sessions for staff and candidates, and an index for finishing attempts whose time is up.
-- the table keeps only its SHA-256, so a copy of the database signs nobody in.
-- A candidate session is bound to one invite (and so to at most one attempt).

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

-- Attempts whose time ran out and that nobody finished: the server finishes them.
CREATE INDEX attempts_open_deadline ON attempts (deadline_at) WHERE finished_at IS NULL;
