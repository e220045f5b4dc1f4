-- Results candidates own: a finished attempt's signed result, once its
-- candidate chose to share it.
--
-- The document is frozen when the candidate first shares: the canonical JSON
-- bytes that were signed, the signature and the id of the key that made it.
-- Editing the assessment's title later never changes what was signed. The id
-- is 128 random bits (base64url), the only way a stranger finds the row; while
-- `shareable` is 0 the public read answers 404 as for an unknown id. A
-- company revokes with who, when and why; un-revoking clears the three.
-- One row per attempt (sharing again, or again after un-sharing, keeps the link).

CREATE TABLE shared_results (
  id             TEXT PRIMARY KEY,
  org_id         TEXT NOT NULL,
  attempt_id     TEXT NOT NULL UNIQUE,
  document       TEXT NOT NULL,
  signature      TEXT NOT NULL,
  key_id         TEXT NOT NULL,
  shareable      INTEGER NOT NULL CHECK (shareable IN (0, 1)),
  created_at     BIGINT NOT NULL,
  revoked_at     BIGINT,
  revoked_by     TEXT,
  revoke_reason  TEXT,
  FOREIGN KEY (org_id, attempt_id) REFERENCES attempts (org_id, id)
);
