package dev.genqueue.store.deadletter;

import java.util.UUID;

/**
 * A dead letter locked for redrive.
 *
 * @param kind          its kind, {@code null} for a kind this version cannot redrive
 * @param kindName      {@code dead_letter.kind} as stored
 * @param payload       the stored payload, complete
 * @param jobId         the exhausted job of a {@code job} dead letter
 * @param redriven      whether it was redriven before
 * @param redrivenJobId the job it was redriven into
 */
record RedriveCandidate(UUID id, DeadLetterKind kind, String kindName, String payload, UUID jobId,
        boolean redriven, UUID redrivenJobId) {
}
