-- Who made a submission: 'candidate', or 'time_up' — the server, from the
-- task's newest saved draft when the attempt's time ran out (only for
-- kind 'submit'). Portable: PostgreSQL takes the same statement.
ALTER TABLE submissions ADD COLUMN origin TEXT NOT NULL DEFAULT 'candidate'
  CHECK (origin IN ('candidate', 'time_up') AND (origin = 'candidate' OR kind = 'submit'));
