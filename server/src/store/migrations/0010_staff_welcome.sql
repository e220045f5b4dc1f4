-- Colleagues invited by an admin, and more than one admin per organisation.
--
-- An invited colleague is a staff user at once (so roles, the list and removal
-- work the same for them), with a password nobody knows until they redeem a
-- one-time welcome link. Only the link token's SHA-256 is kept, like a
-- session's, so a copy of the database redeems nothing. Redeeming deletes
-- every welcome of that user; removing the user deletes them too.
--
-- An organisation may now have several admins; the store refuses to remove or
-- demote the last one (a rule across rows, so it lives in the store's write
-- transaction, not in an index).

DROP INDEX staff_users_one_admin;

CREATE TABLE staff_welcomes (
  token_hash  TEXT PRIMARY KEY,
  org_id      TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL,
  FOREIGN KEY (org_id, user_id) REFERENCES staff_users (org_id, id)
);
CREATE INDEX staff_welcomes_user ON staff_welcomes (org_id, user_id);
