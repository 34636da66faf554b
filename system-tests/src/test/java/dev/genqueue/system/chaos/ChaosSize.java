package dev.genqueue.system.chaos;

import java.time.Duration;

/**
 * How big a chaos run is. {@link #ci()} keeps the Failsafe test within a few minutes on a 2-core machine;
 * {@link #full()} is what {@code chaos/run.sh} runs for the figures in docs/reliability.md.
 *
 * @param jobs           requests of the kill scenario (half REST, half Kafka; half polling, half callback)
 * @param load           period the requests are spread over
 * @param chaos          period of the faults (longer than the load, so jobs in flight meet them too)
 * @param killMin        shortest gap between two worker kills
 * @param killMax        longest gap between two worker kills
 * @param brokerAt       when the Kafka broker is restarted, from the start of the chaos
 * @param postgresAt     when PostgreSQL is restarted, from the start of the chaos
 * @param rollingJobs    requests of the rolling-restart scenario
 * @param rollingLoad    period they are spread over
 * @param lease          the workers' lease ({@code genqueue.worker.dispatch.lease})
 * @param settleTimeout  how long the audit waits for every job to be terminal
 * @param seed           seed of the monkey's choices
 */
record ChaosSize(String name, int jobs, Duration load, Duration chaos, Duration killMin, Duration killMax,
        Duration brokerAt, Duration postgresAt, int rollingJobs, Duration rollingLoad, Duration lease,
        Duration settleTimeout, long seed) {

    static ChaosSize ci() {
        return new ChaosSize("ci", 300, Duration.ofSeconds(45), Duration.ofSeconds(65), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(35), 150, Duration.ofSeconds(40),
                Duration.ofSeconds(10), Duration.ofMinutes(4), 42);
    }

    static ChaosSize full() {
        return new ChaosSize("full", 2000, Duration.ofSeconds(180), Duration.ofSeconds(210), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(130), 600, Duration.ofSeconds(90),
                Duration.ofSeconds(10), Duration.ofMinutes(10), 42);
    }

    /** {@code ci} or {@code full}, with {@code -Dchaos.jobs}, {@code -Dchaos.seed} overriding single values. */
    static ChaosSize named(String name) {
        ChaosSize size = "full".equals(name) ? full() : ci();
        int jobs = Integer.getInteger("chaos.jobs", size.jobs());
        long seed = Long.getLong("chaos.seed", size.seed());
        return new ChaosSize(size.name(), jobs, size.load(), size.chaos(), size.killMin(), size.killMax(),
                size.brokerAt(), size.postgresAt(), size.rollingJobs(), size.rollingLoad(), size.lease(),
                size.settleTimeout(), seed);
    }
}
