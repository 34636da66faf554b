package dev.genqueue.apixo.simulator;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * A uniform distribution of durations between {@code min} and {@code max}, both inclusive.
 *
 * @param min shortest duration
 * @param max longest duration, not below {@code min}
 */
public record DurationRange(Duration min, Duration max) {

    public DurationRange {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 <= min <= max, got " + min + ".." + max);
        }
    }

    /** A fixed duration. */
    public static DurationRange exactly(Duration duration) {
        return new DurationRange(duration, duration);
    }

    /** A range given in whole seconds. */
    public static DurationRange ofSeconds(long min, long max) {
        return new DurationRange(Duration.ofSeconds(min), Duration.ofSeconds(max));
    }

    /** One draw in milliseconds. */
    public long sampleMillis(SplittableRandom random) {
        long low = min.toMillis();
        long high = max.toMillis();
        return low == high ? low : random.nextLong(low, high + 1);
    }
}
