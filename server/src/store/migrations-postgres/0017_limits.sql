-- Rate-limit counters and one-at-a-time locks every server process shares (issue 14): a key (its
-- caller's prefix, e.g. `login:…`, `preview:<org>`), a count (a counter's hits in its window; 0 for a
-- lock), when the row stops counting (the window's end, or the lock's lease) and, for a lock, the
-- holder's token. An expired row means nothing and is swept now and then.
CREATE TABLE shared_limits (
  key         TEXT PRIMARY KEY,
  count       BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL,
  holder      TEXT
);
CREATE INDEX shared_limits_expires ON shared_limits (expires_at);
