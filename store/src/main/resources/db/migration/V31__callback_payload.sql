-- The last callback APIXO delivered for the job's current task, size-limited by the webhook. It is only a
-- hint: a worker confirms the task's state with a status query before it changes the job.
ALTER TABLE job ADD COLUMN callback_payload jsonb;
