package dev.genqueue.bench.scenario;

import java.time.Duration;

/**
 * How big each scenario runs. {@link #full()} is the published sizes; {@link #smoke()} runs every scenario small
 * enough for CI (the whole run in a few minutes), to keep the harness working, not to measure.
 *
 * @param name                  {@code full} or {@code smoke}
 * @param pipelineJobs          scenario 1: jobs produced at once onto the request topic
 * @param ingestDuration        scenario 2: how long wrk posts
 * @param ingestConnections     scenario 2: wrk connections (two threads)
 * @param latencyDuration       scenario 3: how long requests arrive at half the pipeline's throughput
 * @param capacityJobs          scenario 4: jobs in flight at once
 * @param capacityPollScale     scenario 4: poll time scale of the worker (1.0 = APIXO's real schedule)
 * @param capacityWindow        scenario 4: how long lateness and memory are watched once all jobs are submitted
 * @param economyJobsPerModel   scenario 5: polling jobs per model type
 * @param economyDurationScale  scenario 5: task durations relative to the catalogue's (the poll schedule is
 *                              scaled by {@link #POLL_SCALE}; equal values keep real proportions)
 * @param scaleOutJobs          scenario 6: jobs per fleet size
 * @param scaleOutLatency       scenario 6: latency added to every APIXO answer
 * @param quotaDuration         scenario 7: how long the plan's use is measured
 * @param quotaRequestsPerWindow scenario 7: the plan's requests per rate window
 * @param quotaConcurrent       scenario 7: the plan's concurrent tasks
 * @param rateWindow            scenario 7: the rate window of limited plans, on the simulator and in the quota
 * @param statsSettle           scenario 1: idle time before and after reading {@code pg_stat_database}, so that
 *                              PostgreSQL has flushed every backend's counts (an idle backend flushes after 10 s)
 */
public record Sizes(String name, int pipelineJobs, Duration ingestDuration, int ingestConnections,
        Duration latencyDuration, int capacityJobs, double capacityPollScale, Duration capacityWindow,
        int economyJobsPerModel, double economyDurationScale, int scaleOutJobs, Duration scaleOutLatency,
        Duration quotaDuration, int quotaRequestsPerWindow, int quotaConcurrent, Duration rateWindow, Duration statsSettle) {

    /** Poll time scale of the workers in scenarios 1, 3, 5, 6 and 7: APIXO's schedule ten times faster. */
    public static final double POLL_SCALE = 0.1;

    public static Sizes full() {
        return new Sizes("full", 20_000, Duration.ofSeconds(30), 32, Duration.ofSeconds(30), 100_000, 1.0,
                Duration.ofMinutes(3), 100, POLL_SCALE, 1_500, Duration.ofMillis(500), Duration.ofSeconds(60), 600,
                50, Duration.ofSeconds(10), Duration.ofSeconds(11));
    }

    public static Sizes smoke() {
        return new Sizes("smoke", 500, Duration.ofSeconds(5), 32, Duration.ofSeconds(5), 1_000, POLL_SCALE,
                Duration.ofSeconds(5), 8, 0.02, 100, Duration.ofMillis(500), Duration.ofSeconds(5), 150, 50,
                Duration.ofSeconds(5), Duration.ZERO);
    }

    public static Sizes named(String name) {
        return switch (name) {
            case "full" -> full();
            case "smoke" -> smoke();
            default -> throw new IllegalArgumentException("size must be full or smoke, was " + name);
        };
    }
}
