-- Archived challenges: hidden from the library's default list and from the
-- assessment pickers, never deleted — assessments that pin one of their
-- versions keep judging it. NULL while in use; the time it was archived.
-- Portable: PostgreSQL takes the same statements.
ALTER TABLE challenges ADD COLUMN archived_at BIGINT;

-- Which assessments use a version: the library asks per organisation.
CREATE INDEX assessment_challenges_version ON assessment_challenges (org_id, challenge_version_id);
