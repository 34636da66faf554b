-- The job table is a queue: every claim, lease renewal and state write updates its row, and next_run_at is
-- indexed, so no update is HOT and each leaves a dead row version in the heap and in job_due. With the
-- default settings (vacuum after 20 % of the table has changed, throttled) a backlog of 100,000 jobs polled
-- thousands of times per second piles up millions of dead versions before the first vacuum ends, and the
-- claim scans them. Vacuum this table early and unthrottled; outbox rows churn the same way.
ALTER TABLE job SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000,
                     autovacuum_vacuum_cost_delay = 0, autovacuum_analyze_scale_factor = 0.05);
ALTER TABLE outbox SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000,
                        autovacuum_vacuum_cost_delay = 0);
