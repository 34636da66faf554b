package dev.genqueue.store.deadletter;

import java.util.Locale;

/** What one redrive did with one dead letter. */
public enum RedriveOutcome {
    /** A new job was created from the record. */
    CREATED,
    /** The record already is a job (redriven before, or its request was accepted meanwhile): that job. */
    DUPLICATE,
    /** The payload still fails validation; the record stays, with the new reason. */
    STILL_INVALID,
    /** The request id is taken by a different request, or the record cannot be redriven as asked. */
    CONFLICT,
    /** No dead letter has this id. */
    NOT_FOUND;

    /** The name on the wire and in {@code dead_letter.last_redrive_outcome}: {@code still-invalid}, … */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the record now stands for a job. */
    public boolean isRedriven() {
        return this == CREATED || this == DUPLICATE;
    }
}
