package dev.genqueue.worker.quota;

import java.time.Duration;
import java.time.Instant;

/**
 * AIMD for an unknown plan: the rate is halved on a 429 (once per burst of 429s) and grows by a fixed step
 * after every window that passed without one, between a floor and an optional ceiling.
 */
public record AdaptiveRate(double initial, double step, double minimum, double maximum, Duration window) {

    public AdaptiveRate {
        if (!(minimum > 0) || initial < minimum || maximum < minimum || step < 0) {
            throw new IllegalArgumentException("adaptive rate needs 0 < minimum <= initial, minimum <= maximum");
        }
    }

    /** The rate to use now: {@code current} (or the initial rate), plus a step when a quiet window has passed. */
    public double now(Double current, Instant now, Instant lastIncrease, Instant lastDecrease) {
        double rate = current == null ? initial : current;
        Instant last = later(lastIncrease, lastDecrease);
        if (last != null && !Duration.between(last, now).minus(window).isNegative()) {
            rate = Math.min(maximum, rate + step);
        }
        return Math.max(minimum, Math.min(maximum, rate));
    }

    /** Whether {@link #now} raised the rate, i.e. the increase time should be recorded. */
    public boolean increases(Double current, Instant now, Instant lastIncrease, Instant lastDecrease) {
        return now(current, now, lastIncrease, lastDecrease) > (current == null ? initial : current);
    }

    /** The rate after a 429. */
    public double halved(Double current) {
        return Math.max(minimum, (current == null ? initial : current) / 2);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
