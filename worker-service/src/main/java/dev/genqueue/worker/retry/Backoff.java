package dev.genqueue.worker.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Wait before retrying after {@code n} consecutive transient failures: {@code initial × 2ⁿ⁻¹} capped at
 * {@code max}, spread by ±20 % so a fleet that failed together does not retry together. A server's
 * {@code Retry-After} is honoured when it asks for longer.
 */
public final class Backoff {

    private static final double JITTER = 0.2;

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max) {
        this(initial, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** {@code random} yields values in [0, 1). */
    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max");
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The wait after {@code failures} consecutive failures (1 for the first). */
    public Duration after(int failures) {
        double base = initial.toMillis() * Math.pow(2, Math.max(0, Math.min(failures, 40) - 1));
        double jittered = base * (1 - JITTER + 2 * JITTER * random.getAsDouble());
        return Duration.ofMillis((long) Math.min(jittered, max.toMillis()));
    }

    /** {@link #after(int)}, or the server's {@code retryAfter} when that is longer. */
    public Duration after(int failures, Duration retryAfter) {
        Duration wait = after(failures);
        return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
    }
}
