-- Consecutive transient failures (429/5xx/network) of the job's current step; drives the retry backoff and
-- is reset whenever the step succeeds. Separate from attempts, which counts APIXO submissions.
ALTER TABLE job ADD COLUMN transient_failures integer NOT NULL DEFAULT 0;
