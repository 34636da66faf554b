-- Adoption of an orphaned submit: a job found in SUBMITTING whose attempt carried a callback URL waits until
-- adopt_until for the task to announce itself through that callback before it is submitted again.
ALTER TABLE job ADD COLUMN adopt_until timestamptz;
-- Callbacks stored for the current attempt; the webhook stores none beyond genqueue.callback.max-per-task.
ALTER TABLE job ADD COLUMN callback_count integer NOT NULL DEFAULT 0;
-- HELD jobs are listed and resolved by model and age
CREATE INDEX job_held ON job (updated_at) WHERE status = 'HELD';
