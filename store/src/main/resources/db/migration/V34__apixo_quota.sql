-- The fleet-wide APIXO request quota: one row per quota, a GCRA (virtual scheduling) ledger. Every worker
-- reserves request slots under this row's lock; slots are spaced by the emission interval
-- window / (requests per window × headroom), so all instances together stay under the plan in any
-- sliding window. Times are the database's, so worker clocks do not matter.
CREATE TABLE apixo_quota (
    name         text             PRIMARY KEY,
    -- theoretical arrival time: the earliest slot not yet handed out
    tat          timestamptz      NOT NULL,
    -- requests per window currently allowed when the plan is unknown (adaptive mode); NULL = not adapted yet
    rate         double precision,
    -- last multiplicative decrease (a 429) and last additive increase of the adaptive rate
    decreased_at timestamptz,
    increased_at timestamptz
);
INSERT INTO apixo_quota (name, tat) VALUES ('apixo', now());
