-- Invites in bulk and on paper (issue 12). Portable: PostgreSQL takes the
-- same statements (partial unique indexes and RENAME COLUMN exist in both).
--
-- contact: free text (an e-mail, a phone number, a coordinator's name), not
--   only an e-mail, so the column is renamed rather than a second one added.
-- preferred_language: an interface language code (contracts/invites.ts), or
--   NULL when staff did not say; the printed slip uses it.
-- extra_minutes: added to this candidate's time when the attempt starts.
-- expires_at: NULL = the invite may be started until the assessment closes;
--   set = until then instead (an extended invite may outlive the window).
-- token_sealed: the link token, AES-256-GCM under the store's link key (a
--   file beside the database, never in it), so staff can show the link again;
--   NULL for invites made before this step (they are re-issued to get one).
--   Lookups stay by token_hash.
-- import_key: normalised name + contact of a CSV row; unique per assessment
--   so the same file imported twice invites nobody twice.
ALTER TABLE invites RENAME COLUMN candidate_email TO contact;
ALTER TABLE invites ADD COLUMN preferred_language TEXT;
ALTER TABLE invites ADD COLUMN extra_minutes INTEGER NOT NULL DEFAULT 0 CHECK (extra_minutes BETWEEN 0 AND 600);
ALTER TABLE invites ADD COLUMN expires_at BIGINT;
ALTER TABLE invites ADD COLUMN token_sealed TEXT;
ALTER TABLE invites ADD COLUMN import_key TEXT;
CREATE UNIQUE INDEX invites_import_key ON invites (assessment_id, import_key) WHERE import_key IS NOT NULL;
