package dev.genqueue.worker.quota;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The generic cell rate algorithm (virtual scheduling) with future slots: request slots are handed out
 * {@code spacing} apart starting at {@code max(tat, now)}, never earlier, and at most {@code lookahead} into the
 * future. An idle period earns no credit, so slots can never bunch: any window of length {@code W} holds at most
 * {@code floor(W / spacing) + 1} of them.
 */
public final class Gcra {

    private Gcra() {
    }

    /** The spacing between slots for {@code requests} per {@code window}, used at {@code headroom} (0 < h ≤ 1). */
    public static Duration spacing(double requests, Duration window, double headroom) {
        if (!(requests > 0) || !(headroom > 0) || headroom > 1) {
            throw new IllegalArgumentException("quota needs requests > 0 and 0 < headroom <= 1");
        }
        // whole microseconds, the resolution of the ledger's timestamps: slots never drift closer by rounding
        long micros = (long) Math.ceil(window.toNanos() / (requests * headroom) / 1000.0);
        return Duration.ofNanos(micros * 1000);
    }

    /**
     * Reserves up to {@code wanted} slots.
     *
     * @param tat the earliest slot not yet handed out (theoretical arrival time)
     */
    public static Slots reserve(Instant tat, Instant now, int wanted, Duration spacing, Duration lookahead) {
        Instant start = tat.isAfter(now) ? tat : now;
        Instant horizon = now.plus(lookahead);
        if (wanted <= 0 || start.isAfter(horizon)) {
            return new Slots(start, spacing, 0, now);
        }
        long fit = Duration.between(start, horizon).toNanos() / Math.max(1, spacing.toNanos()) + 1;
        int count = (int) Math.min(wanted, fit);
        return new Slots(start, spacing, count, now);
    }

    /**
     * Slots reserved by one call.
     *
     * @param start the first slot
     * @param count slots granted
     * @param now   the time of the reservation
     */
    public record Slots(Instant start, Duration spacing, int count, Instant now) {

        /** The ledger's next free slot once the first {@code used} (1..count) slots are taken. */
        public Instant tatAfter(int used) {
            if (used < 1 || used > count) {
                throw new IllegalArgumentException("used must be within 1.." + count);
            }
            return start.plus(spacing.multipliedBy(used));
        }

        /** How long from {@code now} until each of the first {@code used} slots. */
        public List<Duration> delays(int used) {
            List<Duration> delays = new ArrayList<>(used);
            for (int i = 0; i < used; i++) {
                Duration delay = Duration.between(now, start.plus(spacing.multipliedBy(i)));
                delays.add(delay.isNegative() ? Duration.ZERO : delay);
            }
            return delays;
        }
    }
}
