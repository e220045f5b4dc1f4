-- A running job's lease: the worker that holds it renews it while it judges. A job whose lease ran out
-- (its worker died, on this machine or another) is claimed again by any worker, as a new try; the old
-- worker's late answer no longer matches the job's (worker_id, tries) and is ignored. Rows left running
-- by an older version have no lease: they count as expired.
ALTER TABLE submissions ADD COLUMN lease_expires_at BIGINT;
ALTER TABLE validation_jobs ADD COLUMN lease_expires_at BIGINT;
CREATE INDEX submissions_lease ON submissions (lease_expires_at) WHERE status = 'running';
CREATE INDEX validation_jobs_lease ON validation_jobs (lease_expires_at) WHERE status = 'running';
