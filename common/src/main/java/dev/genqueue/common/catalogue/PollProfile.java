package dev.genqueue.common.catalogue;

import java.time.Duration;

/**
 * How to follow a task of one model type: first status query after {@code initialWait}, then every
 * {@code pollInterval} growing by {@link #BACKOFF_FACTOR} up to {@link #MAX_INTERVAL}, giving up after
 * {@code maxWait} from submission. Values are APIXO's recommended polling table (docs/apixo-api.md §12); the
 * expected completion comes from the typical durations of §10.
 */
public enum PollProfile {
    IMAGE_FAST(Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofMinutes(2), Duration.ofSeconds(15)),
    IMAGE_QUALITY(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMinutes(3), Duration.ofSeconds(70)),
    VIDEO(Duration.ofSeconds(60), Duration.ofSeconds(15), Duration.ofMinutes(10), Duration.ofMinutes(5)),
    AUDIO(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(3));

    /** Growth of the interval between two status queries. */
    public static final double BACKOFF_FACTOR = 1.5;
    /** Upper bound of the interval between two status queries. */
    public static final Duration MAX_INTERVAL = Duration.ofSeconds(30);

    private final Duration initialWait;
    private final Duration pollInterval;
    private final Duration maxWait;
    private final Duration expectedCompletion;

    PollProfile(Duration initialWait, Duration pollInterval, Duration maxWait, Duration expectedCompletion) {
        this.initialWait = initialWait;
        this.pollInterval = pollInterval;
        this.maxWait = maxWait;
        this.expectedCompletion = expectedCompletion;
    }

    public Duration initialWait() {
        return initialWait;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    public Duration maxWait() {
        return maxWait;
    }

    /**
     * When a task of this type is expected to have finished (the upper end of APIXO's typical durations):
     * the first safety poll of a callback-mode job, so a delivered callback normally makes polling unnecessary.
     */
    public Duration expectedCompletion() {
        return expectedCompletion;
    }

    /**
     * The interval to wait after the {@code pollsDone}-th status query that found the task unfinished
     * (1 for the first): {@code pollInterval × 1.5^(pollsDone-1)}, capped at {@link #MAX_INTERVAL}.
     */
    public Duration intervalAfter(int pollsDone) {
        double millis = pollInterval.toMillis() * Math.pow(BACKOFF_FACTOR, Math.max(0, pollsDone - 1));
        return Duration.ofMillis((long) Math.min(millis, MAX_INTERVAL.toMillis()));
    }
}
