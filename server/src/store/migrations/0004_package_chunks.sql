-- Package bytes leave the challenge_versions row. A version names its package
-- by content hash; the bytes live once per organisation and hash in
-- challenge_packages, split into chunks of at most 1 MB.
--
-- Why chunks: no single statement moves a whole package (up to 512 MB), so
-- storing or reading one never holds the server's event loop for long, and
-- PostgreSQL stores them the same way (BYTEA rows, no large-object API) — a
-- second machine then reads packages from the shared store like everything
-- else. Chunks are written in small transactions before the version row that
-- names their package commits; until then the package row has no stored_at,
-- already counts against the organisation's quota, and is removed on failure
-- (or by the start-up sweep after a crash).

CREATE TABLE challenge_packages (
  id            TEXT PRIMARY KEY,
  org_id        TEXT NOT NULL REFERENCES organisations (id),
  content_hash  TEXT NOT NULL,
  bytes         BIGINT NOT NULL CHECK (bytes >= 0),
  stored_at     BIGINT,
  created_at    BIGINT NOT NULL
);
-- One stored copy per organisation and content: publishing the same bytes again costs nothing.
CREATE UNIQUE INDEX challenge_packages_stored ON challenge_packages (org_id, content_hash) WHERE stored_at IS NOT NULL;
CREATE INDEX challenge_packages_unstored ON challenge_packages (created_at) WHERE stored_at IS NULL;

CREATE TABLE challenge_package_chunks (
  package_id  TEXT NOT NULL REFERENCES challenge_packages (id),
  seq         INTEGER NOT NULL CHECK (seq >= 0),
  data        BLOB NOT NULL, -- PostgreSQL: BYTEA
  PRIMARY KEY (package_id, seq)
);

-- The packages stored so far move into chunks (one package per organisation and hash).
INSERT INTO challenge_packages (id, org_id, content_hash, bytes, stored_at, created_at)
SELECT MIN(id), org_id, content_hash, MAX(length(data)), MIN(created_at), MIN(created_at)
  FROM challenge_versions
 GROUP BY org_id, content_hash;

WITH RECURSIVE seqs (n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seqs WHERE n < 1023)
INSERT INTO challenge_package_chunks (package_id, seq, data)
SELECT p.id, seqs.n, substr(v.data, seqs.n * 1048576 + 1, 1048576)
  FROM challenge_packages p
  JOIN challenge_versions v ON v.id = p.id
  JOIN seqs ON seqs.n * 1048576 < length(v.data);

ALTER TABLE challenge_versions DROP COLUMN data;
