package dev.genqueue.store.deadletter;

import java.time.Instant;
import java.util.UUID;

/**
 * A dead letter as stored, with its payload complete or cut to a preview.
 *
 * @param kind               intake record or exhausted job; {@code null} for a kind this version does not know
 * @param kindName           {@code dead_letter.kind} as stored
 * @param sourceTopic        topic of an intake record, else {@code null}
 * @param sourcePartition    its partition
 * @param sourceOffset       its offset
 * @param recordKey          its key
 * @param payload            the payload (the whole text, or its first characters when {@code payloadTruncated})
 * @param payloadBytes       the payload's full size in UTF-8 bytes
 * @param payloadTruncated   whether {@code payload} is only a preview
 * @param reason             why it is dead: the latest reason (a failed redrive replaces the original)
 * @param originalReason     the reason it was first recorded with, when a redrive replaced it
 * @param jobId              the exhausted job of a {@code job} dead letter
 * @param createdAt          when it was recorded
 * @param redrivenAt         when it was redriven into a job, else {@code null}
 * @param redrivenJobId      the job it was redriven into
 * @param redriveCount       redrive attempts so far, successful or not
 * @param lastRedriveAt      the latest attempt
 * @param lastRedriveOutcome the latest attempt's outcome ({@code created}, {@code still-invalid}, …)
 * @param payloadReplaced    whether an operator replaced the payload at a redrive
 */
public record DeadLetter(
        UUID id,
        DeadLetterKind kind,
        String kindName,
        String sourceTopic,
        Integer sourcePartition,
        Long sourceOffset,
        String recordKey,
        String payload,
        long payloadBytes,
        boolean payloadTruncated,
        String reason,
        String originalReason,
        UUID jobId,
        Instant createdAt,
        Instant redrivenAt,
        UUID redrivenJobId,
        int redriveCount,
        Instant lastRedriveAt,
        String lastRedriveOutcome,
        boolean payloadReplaced) {
}
