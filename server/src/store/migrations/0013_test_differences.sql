-- Where a submission's first rejected hidden tests part from their answers
-- (JSON, at most 20 tests, each line cut to an excerpt): for staff reports
-- only. Kept apart from `result`, which candidate views are built from, so a
-- quote of a hidden answer can never reach a candidate by a view's mistake.
ALTER TABLE submissions ADD COLUMN differences TEXT;
