-- Rows Kafka refuses (a record too large, an invalid topic) are set aside with a growing delay instead of
-- being retried on every relay pass in front of healthy rows. Unreachable brokers do not count here: the
-- relay as a whole backs off then, leaving rows untouched.
ALTER TABLE outbox
    ADD COLUMN attempts        integer NOT NULL DEFAULT 0,
    ADD COLUMN last_error      text,
    ADD COLUMN next_attempt_at timestamptz;
