package dev.genqueue.store.intake;

import java.util.UUID;

/** What intake did with one request. */
public sealed interface IntakeOutcome {

    /** The job the request maps to. */
    UUID jobId();

    /** A new job was created. */
    record Created(UUID jobId) implements IntakeOutcome {
    }

    /** The idempotency key was already used for the same request: the existing job, nothing created. */
    record Duplicate(UUID jobId) implements IntakeOutcome {
    }

    /** The idempotency key was already used for a different request: nothing created. */
    record Conflict(UUID jobId) implements IntakeOutcome {
    }
}
