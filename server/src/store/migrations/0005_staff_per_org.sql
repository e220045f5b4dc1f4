-- kodbro: foreign_keys off
-- Staff accounts belong to one organisation: an e-mail address is unique per
-- organisation, not across Kodbro, so adding a colleague never reveals that
-- the address has an account in another organisation. Sign-in by e-mail may
-- then find several accounts (the login route asks which organisation).
--
-- SQLite-only: a UNIQUE column constraint cannot be dropped, so the table is
-- rebuilt (SQLite's "12 steps" for other schema changes). The header line
-- above makes the runner turn foreign keys off around this migration (the
-- sessions table refers to staff_users) and run PRAGMA foreign_key_check
-- before it commits. PostgreSQL instead:
--   ALTER TABLE staff_users DROP CONSTRAINT staff_users_email_key,
--     ADD CONSTRAINT staff_users_org_email UNIQUE (org_id, email);
--   CREATE INDEX staff_users_email ON staff_users (email);

CREATE TABLE staff_users_new (
  id             TEXT PRIMARY KEY,
  org_id         TEXT NOT NULL REFERENCES organisations (id),
  email          TEXT NOT NULL,
  display_name   TEXT NOT NULL,
  password_hash  TEXT NOT NULL,
  is_author      INTEGER NOT NULL CHECK (is_author IN (0, 1)),
  is_recruiter   INTEGER NOT NULL CHECK (is_recruiter IN (0, 1)),
  is_admin       INTEGER NOT NULL CHECK (is_admin IN (0, 1)),
  created_at     BIGINT NOT NULL,
  UNIQUE (org_id, id),
  UNIQUE (org_id, email)
);

INSERT INTO staff_users_new (id, org_id, email, display_name, password_hash, is_author, is_recruiter, is_admin, created_at)
  SELECT id, org_id, email, display_name, password_hash, is_author, is_recruiter, is_admin, created_at FROM staff_users;

DROP TABLE staff_users;
ALTER TABLE staff_users_new RENAME TO staff_users;

-- One admin per organisation, as before; sign-in looks accounts up by e-mail alone.
CREATE UNIQUE INDEX staff_users_one_admin ON staff_users (org_id) WHERE is_admin = 1;
CREATE INDEX staff_users_email ON staff_users (email);
