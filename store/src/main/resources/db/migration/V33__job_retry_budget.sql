-- New APIXO tasks started for the job after a task failed with a transient failCode (resubmits). Bounded by
-- genqueue.worker.retry.max-attempts; submits APIXO refused without creating a task (429, 5xx, 402) do not
-- count, so an outage or an empty balance never uses up a job's retries.
ALTER TABLE job ADD COLUMN task_retries integer NOT NULL DEFAULT 0;

-- Claims that must treat queued jobs (submits) apart from jobs already at APIXO (status queries, downloads):
-- under a quota, a pause or an open circuit breaker the two are claimed separately, and neither scan may
-- wade through the other's rows (a paused backlog of queued jobs must not slow down polling).
CREATE INDEX job_due_by_kind ON job ((status = 'QUEUED'), next_run_at) WHERE next_run_at IS NOT NULL;

-- The daily cost total sums the costs of jobs finished since midnight UTC.
CREATE INDEX job_finished_cost ON job (finished_at) WHERE finished_at IS NOT NULL AND cost_usd IS NOT NULL;
