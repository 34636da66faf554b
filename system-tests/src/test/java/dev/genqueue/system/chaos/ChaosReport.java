package dev.genqueue.system.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The figures of a chaos run as a Markdown table, the form docs/reliability.md quotes. */
final class ChaosReport {

    private ChaosReport() {
    }

    static String table(ChaosScenario.Outcome chaos, RollingRestart.Outcome rolling) {
        StringBuilder out = new StringBuilder();
        out.append("| Figure | Kill scenario | Rolling restart |\n|---|---|---|\n");
        ChaosAudit.Result k = chaos == null ? null : chaos.audit();
        ChaosAudit.Result r = rolling == null ? null : rolling.audit();
        row(out, "Jobs (half REST, half Kafka; half polling, half callback)", k, r, a -> a.requests());
        row(out, "Extra copies sent at the same time (same key, one or both doors)",
                chaos == null ? "" : chaos.load().copiesSent(), rolling == null ? "" : rolling.load().copiesSent());
        row(out, "Jobs created / terminal / succeeded", k, r, a -> a.jobs() + " / " + a.terminal() + " / "
                + a.succeeded());
        row(out, "Worker `kill -9` (each restarted; of them while still starting)", chaos == null ? ""
                : chaos.faults().kills() + " (" + chaos.faults().killsWhileStarting() + ")", "0");
        row(out, "Kafka broker restarts", chaos == null ? "" : chaos.faults().brokerRestarts(), "0");
        row(out, "PostgreSQL restarts", chaos == null ? "" : chaos.faults().postgresRestarts(), "0");
        row(out, "Graceful worker stops (SIGTERM)", "0", rolling == null ? "" : rolling.stops().size());
        row(out, "**Lost jobs** (no job, or not terminal)", k, r, a -> a.lost());
        row(out, "**Duplicate terminal states** (jobs with more than one)", k, r, a -> a.duplicateTerminalStates());
        row(out, "Illegal histories", k, r, a -> a.illegalHistories());
        row(out, "Result events, raw", k, r, a -> a.rawEvents());
        row(out, "**Raw duplicate events** (same event id again)", k, r, a -> a.rawDuplicateEvents());
        row(out, "Duplicates after the consumer's dedupe by event id", k, r, a -> a.duplicatesAfterDedupe());
        row(out, "Jobs without a result event", k, r, a -> a.jobsWithoutEvent());
        row(out, "APIXO tasks created (simulator)", k, r, a -> a.submits().tasks());
        row(out, "Jobs submitted exactly once", k, r, a -> a.submits().jobsSubmittedOnce());
        row(out, "**Window hits** (`UNKNOWN_SUBMIT_OUTCOME` in history: occurrences / jobs)", k, r,
                a -> a.windowHits() + " / " + a.windowJobs());
        row(out, "Orphaned tasks adopted (announced by their attempt's callback, not submitted again)", k, r,
                a -> a.submits().adoptedTasks());
        row(out, "Duplicate paid submits inside a recorded window", k, r, a -> a.submits().orphansInWindow());
        row(out, "**Duplicate paid submits** (APIXO tasks beyond one per job, not after a failed task)", k, r,
                a -> a.submits().duplicatePaidSubmits());
        row(out, "Duplicate submits outside any window", k, r, a -> a.submits().orphansOutsideWindow()
                + a.submits().unexplainedRecordedTasks());
        row(out, "Stale writes refused by fencing (worker logs)", chaos == null ? "" : chaos.fencedWrites(),
                rolling == null ? "" : rolling.fencedWrites());
        row(out, "State writes a worker gave up on (worker logs)", chaos == null ? "" : chaos.writesGivenUp(), "");
        row(out, "Takeover of a killed worker's leased jobs (jobs; median / max)",
                chaos == null ? "" : takeovers(chaos.faults()), "");
        row(out, "Longest wait from a Kafka-door request's ack to its job row", k, r,
                a -> seconds(Duration.ofMillis(a.maxKafkaIntakeMillis())));
        row(out, "Leases held when SIGTERM came (per worker)", "", rolling == null ? "" : rolling.stops().stream()
                .map(stop -> Long.toString(stop.leasedBefore())).collect(Collectors.joining(", ")));
        row(out, "Shutdown on SIGTERM (per worker)", "", rolling == null ? "" : rolling.stops().stream()
                .map(stop -> seconds(stop.took())).collect(Collectors.joining(", ")));
        row(out, "Leases held after a graceful stop", "", rolling == null ? "" : rolling.stops().stream()
                .mapToLong(RollingRestart.Stop::leasedAfter).sum());
        row(out, "Client retries (REST 5xx or connection errors / Kafka resends)",
                chaos == null ? "" : chaos.load().restRetries() + " / " + chaos.load().kafkaResends(),
                rolling == null ? "" : rolling.load().restRetries() + " / " + rolling.load().kafkaResends());
        row(out, "Wall time (load, faults, settling, audit)", chaos == null ? "" : seconds(chaos.wallTime()),
                rolling == null ? "" : seconds(rolling.wallTime()));
        return out.toString();
    }

    /** The database-restart scenario's figures. */
    static String table(DatabaseRestart.Outcome outcome) {
        StringBuilder out = new StringBuilder("| Figure | Database restart with submits in flight |\n|---|---|\n");
        ChaosAudit.Result a = outcome.audit();
        row(out, "Submits in flight (intent committed, answer held back) when PostgreSQL went down",
                outcome.submittingAtRestart());
        row(out, "PostgreSQL restart took", seconds(outcome.restart()));
        row(out, "Jobs / succeeded / lost", a.jobs() + " / " + a.succeeded() + " / " + a.lost());
        row(out, "State writes the workers gave up on (logs)", outcome.writesGivenUp());
        row(out, "**Window hits** / duplicate paid submits", a.windowHits() + " / "
                + a.submits().duplicatePaidSubmits());
        row(out, "Duplicate terminal states / raw duplicate events", a.duplicateTerminalStates() + " / "
                + a.rawDuplicateEvents());
        row(out, "REST answers before a retry succeeded", outcome.during().restFailures().isEmpty() ? "none"
                : outcome.during().restFailures());
        return out.toString();
    }

    private static void row(StringBuilder out, String name, Object value) {
        out.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    /** The window hits, the monkey's timeline and anything the audit flagged. */
    static String details(ChaosScenario.Outcome chaos, RollingRestart.Outcome rolling) {
        return details(chaos, null, rolling);
    }

    static String details(ChaosScenario.Outcome chaos, DatabaseRestart.Outcome database, RollingRestart.Outcome rolling) {
        List<String> lines = new ArrayList<>();
        if (chaos != null) {
            lines.add("Kill scenario, tenant " + chaos.tenantId() + ":");
            chaos.faults().events().forEach(e -> lines.add(String.format("  t+%5.1fs %s%s", e.at().toMillis() / 1000.0,
                    e.what(), e.took().isZero() ? "" : " (" + seconds(e.took()) + ")")));
            chaos.audit().windowHitDetails().forEach(line -> lines.add("  window hit: " + line));
            chaos.audit().findings().forEach(line -> lines.add("  FINDING: " + line));
            chaos.load().problems().forEach(line -> lines.add("  LOAD: " + line));
        }
        if (database != null) {
            lines.add("Database restart, tenant " + database.tenantId() + ":");
            database.audit().windowHitDetails().forEach(line -> lines.add("  window hit: " + line));
            database.audit().findings().forEach(line -> lines.add("  FINDING: " + line));
            database.during().problems().forEach(line -> lines.add("  LOAD: " + line));
        }
        if (rolling != null) {
            lines.add("Rolling restart, tenant " + rolling.tenantId() + ":");
            rolling.stops().forEach(stop -> lines.add("  " + stop));
            rolling.audit().windowHitDetails().forEach(line -> lines.add("  window hit: " + line));
            rolling.audit().findings().forEach(line -> lines.add("  FINDING: " + line));
            rolling.load().problems().forEach(line -> lines.add("  LOAD: " + line));
        }
        return String.join("\n", lines);
    }

    private static String takeovers(ChaosMonkey.Report faults) {
        List<Duration> sorted = faults.takeovers().stream().sorted().toList();
        if (sorted.isEmpty()) {
            return "0 jobs";
        }
        return sorted.size() + " jobs; " + seconds(sorted.get(sorted.size() / 2)) + " / "
                + seconds(sorted.get(sorted.size() - 1))
                + (faults.takeoversPending() > 0 ? "; " + faults.takeoversPending() + " never taken over" : "");
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    private interface Figure {
        Object of(ChaosAudit.Result audit);
    }

    private static void row(StringBuilder out, String name, ChaosAudit.Result chaos, ChaosAudit.Result rolling,
            Figure figure) {
        row(out, name, chaos == null ? "" : figure.of(chaos), rolling == null ? "" : figure.of(rolling));
    }

    private static void row(StringBuilder out, String name, Object chaos, Object rolling) {
        out.append("| ").append(name).append(" | ").append(chaos).append(" | ").append(rolling).append(" |\n");
    }
}
