-- Redrive of dead letters: which job a record became, what the last attempt found, and what the record
-- looked like before an operator replaced its payload or a failed attempt replaced its reason.
ALTER TABLE dead_letter
    ADD COLUMN redriven_job_id      uuid REFERENCES job (id) ON DELETE SET NULL,
    ADD COLUMN last_redrive_at      timestamptz,
    ADD COLUMN last_redrive_outcome text,
    ADD COLUMN original_payload     text,
    ADD COLUMN original_reason      text;

-- keyset pagination (newest first) and the pending-records selectors of redrive
CREATE INDEX dead_letter_created_id ON dead_letter (created_at, id);
CREATE INDEX dead_letter_not_redriven ON dead_letter (created_at, id) WHERE redriven_at IS NULL;
