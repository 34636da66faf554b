package dev.genqueue.store.deadletter;

import java.util.UUID;

/**
 * The outcome of redriving one dead letter.
 *
 * @param id      the dead letter
 * @param kind    its kind, {@code null} when not found
 * @param outcome what happened
 * @param jobId   the job the record now stands for (created or duplicate), or the conflicting job
 * @param reason  why it was not redriven (still-invalid, conflict, not-found)
 */
public record RedriveResult(UUID id, DeadLetterKind kind, RedriveOutcome outcome, UUID jobId, String reason) {

    static RedriveResult notFound(UUID id) {
        return new RedriveResult(id, null, RedriveOutcome.NOT_FOUND, null, "no dead letter with this id");
    }
}
