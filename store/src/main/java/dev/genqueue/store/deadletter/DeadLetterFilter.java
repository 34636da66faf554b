package dev.genqueue.store.deadletter;

import java.time.Instant;

/**
 * Which dead letters to list or redrive; every {@code null} component means "any".
 *
 * @param kind     only this kind
 * @param reason   only reasons containing this text (case-insensitive)
 * @param from     created at or after
 * @param to       created before
 * @param redriven only redriven ({@code true}) or not yet redriven ({@code false}) records
 */
public record DeadLetterFilter(DeadLetterKind kind, String reason, Instant from, Instant to, Boolean redriven) {

    /** Every dead letter. */
    public static DeadLetterFilter any() {
        return new DeadLetterFilter(null, null, null, null, null);
    }
}
