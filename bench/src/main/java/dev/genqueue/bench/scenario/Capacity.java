package dev.genqueue.bench.scenario;

import dev.genqueue.bench.load.BenchRequests;
import dev.genqueue.bench.probe.Database;
import dev.genqueue.bench.probe.DueSampler;
import dev.genqueue.bench.probe.HeapInfo;
import dev.genqueue.bench.probe.Metrics;
import dev.genqueue.bench.probe.ProcessMemory;
import dev.genqueue.bench.probe.WorkerBreakdown;
import dev.genqueue.bench.report.Row;
import dev.genqueue.bench.report.ScenarioResult;
import dev.genqueue.bench.report.Units;
import dev.genqueue.bench.report.Verdict;
import dev.genqueue.bench.stack.WorkerHandle;
import dev.genqueue.bench.stack.WorkerSetup;
import dev.genqueue.common.catalogue.PollProfile;
import dev.genqueue.common.contract.DeliveryMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scenario 4: {@code capacityJobs} long video tasks in flight at once on one worker following APIXO's real
 * video schedule (first query after 60 s, then 15 s growing to 30 s): worker RSS, poll lateness p99 against
 * the schedule, and database size per job. Lateness percentiles come from sampling the due polls in the
 * database ({@link DueSampler}); the worker's lateness timer (count, sum, max) cross-checks them.
 */
public final class Capacity implements Scenario {

    private static final String MODEL = "veo-3-1";
    private static final Duration SAMPLE_INTERVAL = Duration.ofMillis(100);
    private static final long RSS_GOAL = 512L * 1024 * 1024;
    private static final Duration DEADLINE_MARGIN = Duration.ofSeconds(20);
    private static final Duration MIN_WINDOW = Duration.ofSeconds(10);
    private static final String[] POLLED = {"status=\"submitted\"", "status=\"processing\""};

    @Override
    public int number() {
        return 4;
    }

    @Override
    public String title() {
        return "Capacity";
    }

    @Override
    public ScenarioResult run(BenchContext context) {
        context.stack().restartSimulator();
        if (!context.stack().useWorkers(WorkerSetup.of(1, context.sizes().capacityPollScale()))) {
            return ScenarioResult.notRun(number(), title(), Verdict.SKIPPED, "needs exactly 1 worker");
        }
        ScenarioResult.Builder result = new ScenarioResult.Builder(number(), title());
        int jobs = context.sizes().capacityJobs();
        double scale = context.stack().pollScale();
        Duration window = context.sizes().capacityWindow();
        // long enough to stay in flight for the whole window; on a running stack short enough to finish
        Duration task = context.stack().managed() ? Duration.ofMinutes(20)
                : Duration.ofMillis(Math.round(PollProfile.VIDEO.maxWait().toMillis() * scale * 0.9));
        String tenant = context.requests().tenant("capacity");
        Database database = context.stack().database();
        result.setup(Units.count(jobs) + " veo-3-1 polling jobs (`#sim:duration=" + task.toSeconds()
                + "s`) produced at once; 1 worker, poll time scale " + scale + " (first query " + Math.round(60 * scale) + " s after "
                + "the submit, then " + Math.round(15 * scale) + " s × 1.5ⁿ up to " + Math.round(30 * scale)
                + " s); measured for " + window.toSeconds() + " s once all are submitted; lateness sampled every "
                + SAMPLE_INTERVAL.toMillis() + " ms from the due polls in the database");

        List<WorkerHandle> workers = context.stack().workers();
        long bytesBefore = database.jobTablesBytes();
        long jobsBefore = database.countJobs();
        List<BenchRequests.Request> requests = new ArrayList<>(jobs);
        for (int n = 0; n < jobs; n++) {
            requests.add(BenchRequests.request(tenant, n, MODEL, "#sim:duration=" + task.toSeconds() + "s",
                    DeliveryMode.POLLING));
        }
        try (MemoryWatch memory = new MemoryWatch(workers)) {
            long start = System.nanoTime();
            context.producer().sendAll(requests);
            long submitted = awaitSubmitted(database, tenant, jobs,
                    BenchContext.patience(jobs, Duration.ofMinutes(5)));
            double submitSeconds = (System.nanoTime() - start) / 1e9;
            result.note(Units.count(submitted) + " of " + Units.count(jobs) + " jobs submitted to APIXO in "
                    + Units.number(submitSeconds, 1) + " s (" + Units.number(submitted / submitSeconds, 0)
                    + " jobs/s, intake included)");

            // the first jobs reach their max wait (a final check, then TIMED_OUT) first: stop watching before that
            long firstDeadline = database.queryLong("SELECT (extract(epoch FROM min(deadline_at)) * 1000)::bigint "
                    + "FROM job WHERE tenant_id = ?", tenant);
            long untilDeadline = firstDeadline - System.currentTimeMillis() - DEADLINE_MARGIN.toMillis();
            if (firstDeadline > 0 && untilDeadline < window.toMillis()) {
                window = Duration.ofMillis(Math.max(MIN_WINDOW.toMillis(), untilDeadline));
                result.note("watched for " + window.toSeconds() + " s only: the first jobs reach their max wait then");
            }
            List<Metrics> before = Probes.scrapeWorkers(context.stack());
            Probes probes = new Probes(context, "s4-capacity");
            probes.start();
            try (DueSampler sampler = new DueSampler(database, SAMPLE_INTERVAL)) {
                PipelineThroughput.pause(window);
                List<Metrics> after = Probes.scrapeWorkers(context.stack());
                probes.stop().forEach(result::note);
                long claims = Math.round(WorkerBreakdown.delta(before, after,
                        "genqueue_worker_poll_lateness_seconds_count", POLLED[0])
                        + WorkerBreakdown.delta(before, after, "genqueue_worker_poll_lateness_seconds_count", POLLED[1]));
                double lateSum = WorkerBreakdown.delta(before, after, "genqueue_worker_poll_lateness_seconds_sum",
                        POLLED[0]) + WorkerBreakdown.delta(before, after, "genqueue_worker_poll_lateness_seconds_sum",
                        POLLED[1]);
                double workerMax = after.stream().mapToDouble(m -> Math.max(
                        m.max("genqueue_worker_poll_lateness_seconds_max", POLLED[0]),
                        m.max("genqueue_worker_poll_lateness_seconds_max", POLLED[1]))).max().orElse(0);
                long p99 = sampler.lateness(99, claims);
                long p50 = sampler.lateness(50, claims);
                long inFlight = database.queryLong("SELECT count(*) FROM job WHERE tenant_id = ? AND status IN "
                        + "('SUBMITTED', 'PROCESSING')", tenant);

                result.row(new Row("worker RSS (max sampled VmRSS)", "≤ 512 MB", Units.megabytes(memory.maxBytes())
                        + " (peak VmHWM " + Units.megabytes(peak(workers)) + ")",
                        Verdict.of(memory.maxBytes() > 0 && memory.maxBytes() <= RSS_GOAL)));
                result.row(new Row("poll lateness vs schedule, p99", "≤ 1 s", Units.millis(p99) + " (p50 "
                        + Units.millis(p50) + ", " + Units.count(claims) + " polls, "
                        + Units.number(claims / (double) window.toSeconds(), 0) + "/s)",
                        Verdict.of(claims > 0 && p99 <= 1000)));
                long bytes = database.jobTablesBytes() - bytesBefore;
                long jobsNow = Math.max(1, database.countJobs() - jobsBefore);
                result.row(Row.info("DB size per job (job + job_transition + job_output + outbox)",
                        Units.count(bytes / jobsNow) + " bytes"));
                result.value("jobs", jobs).value("submitted", submitted).value("rssBytes", memory.maxBytes())
                        .value("polls", claims).value("latenessP99Millis", p99).value("bytesPerJob", bytes / jobsNow)
                        .value("inFlight", inFlight);
                result.note(String.format(Locale.ROOT, "in flight at the end: %,d; worker lateness timer: mean %.0f ms,"
                        + " max %.0f ms; sampler: %,d samples, most due-and-waiting polls at once %,d, oldest seen %s",
                        inFlight, claims == 0 ? 0 : 1000 * lateSum / claims, 1000 * workerMax, sampler.samples(),
                        sampler.largestBacklog(), Units.millis(sampler.maxAge())));
            }
            result.note("claim query at " + Units.count(database.countJobs()) + " jobs: " + claimPlan(database));
            result.note("job table: " + tableStats(database));
            workers.forEach(w -> result.note(w.name() + " JVM: " + HeapInfo.of(w.pid())));
        }
        return result.build();
    }

    private static long awaitSubmitted(Database database, String tenant, int jobs, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long submitted = 0;
        while (System.nanoTime() < deadline) {
            submitted = database.queryLong("SELECT count(*) FROM job WHERE tenant_id = ? AND apixo_task_id IS NOT NULL",
                    tenant);
            if (submitted >= jobs) {
                break;
            }
            PipelineThroughput.pause(Duration.ofMillis(500));
        }
        return submitted;
    }

    private static long peak(List<WorkerHandle> workers) {
        return workers.stream().mapToLong(w -> ProcessMemory.peakResidentBytes(w.pid())).max().orElse(-1);
    }

    // row versions and updates of the job table: every poll rewrites the row and, as next_run_at is indexed,
    // adds an entry to every index (no HOT update)
    private static String tableStats(Database database) {
        return database.withConnection(c -> {
            try (var statement = c.createStatement(); var rs = statement.executeQuery("""
                    SELECT n_live_tup, n_dead_tup, n_tup_upd, n_tup_hot_upd, autovacuum_count,
                           pg_size_pretty(pg_relation_size('job')), pg_size_pretty(pg_indexes_size('job')),
                           pg_size_pretty(pg_relation_size('job_due'))
                      FROM pg_stat_user_tables WHERE relname = 'job'""")) {
                if (!rs.next()) {
                    return "no statistics";
                }
                return String.format(Locale.ROOT, "%,d live and %,d dead row versions, %,d updates of which %,d HOT, "
                        + "%d autovacuums; heap %s, indexes %s (job_due %s)", rs.getLong(1), rs.getLong(2),
                        rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8));
            }
        });
    }

    // the claim's inner SELECT, with its row locks rolled back at once
    private static String claimPlan(Database database) {
        return database.withConnection(c -> {
            c.setAutoCommit(false);
            try (var statement = c.createStatement(); var rs = statement.executeQuery("""
                    EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT id, next_run_at FROM job WHERE next_run_at <= now()
                     ORDER BY next_run_at LIMIT 100 FOR UPDATE SKIP LOCKED""")) {
                List<String> lines = new ArrayList<>();
                while (rs.next()) {
                    lines.add(rs.getString(1).strip());
                }
                return String.join(" · ", lines);
            } finally {
                c.rollback();
            }
        });
    }
}
