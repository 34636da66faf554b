package dev.genqueue.store.outbox;

import java.time.Duration;

/** Exponential retry delay: {@code initial × 2^(failures-1)}, capped at {@code max}. */
record Backoff(Duration initial, Duration max) {

    /** The pause after {@code failures} consecutive failed passes (at least one). */
    Duration after(int failures) {
        int doublings = Math.min(Math.max(failures, 1) - 1, 30);
        long millis = initial.toMillis() << doublings;
        return millis <= 0 || millis >= max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
