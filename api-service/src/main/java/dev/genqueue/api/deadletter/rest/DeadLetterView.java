package dev.genqueue.api.deadletter.rest;

import dev.genqueue.store.deadletter.DeadLetter;
import java.time.Instant;
import java.util.UUID;

/**
 * A dead letter as the API shows it.
 *
 * @param id                 the record
 * @param kind               {@code intake} (a request record that could not become a job) or {@code job}
 *                           (a job that exhausted its retries)
 * @param reason             why it is dead; after a failed redrive, that attempt's reason
 * @param originalReason     the first reason, when a redrive replaced it
 * @param source             where an intake record came from; {@code null} for jobs
 * @param jobId              the exhausted job of a {@code job} dead letter
 * @param payload            the payload as text (the raw record value), or its first characters when truncated
 * @param payloadBytes       the whole payload's size in UTF-8 bytes
 * @param payloadTruncated   whether {@code payload} is a preview; {@code GET /v1/dead-letters/{id}} shows it all
 * @param payloadReplaced    whether an operator replaced the payload at a redrive
 * @param createdAt          when it was dead-lettered
 * @param redrivenAt         when it was redriven into a job
 * @param redrivenJobId      the job it was redriven into
 * @param redriveCount       redrive attempts so far, successful or not
 * @param lastRedriveAt      the latest attempt
 * @param lastRedriveOutcome the latest attempt's outcome
 * @param links              related resources
 */
public record DeadLetterView(
        UUID id,
        String kind,
        String reason,
        String originalReason,
        Source source,
        UUID jobId,
        String payload,
        long payloadBytes,
        boolean payloadTruncated,
        boolean payloadReplaced,
        Instant createdAt,
        Instant redrivenAt,
        UUID redrivenJobId,
        int redriveCount,
        Instant lastRedriveAt,
        String lastRedriveOutcome,
        DeadLetterLinks links) {

    /**
     * The Kafka record an intake dead letter came from.
     *
     * @param topic     topic
     * @param partition partition
     * @param offset    offset
     * @param key       record key
     */
    public record Source(String topic, Integer partition, Long offset, String key) {
    }

    static DeadLetterView of(DeadLetter d) {
        Source source = d.sourceTopic() == null && d.recordKey() == null
                ? null
                : new Source(d.sourceTopic(), d.sourcePartition(), d.sourceOffset(), d.recordKey());
        return new DeadLetterView(d.id(), d.kindName(), d.reason(), d.originalReason(), source, d.jobId(), d.payload(),
                d.payloadBytes(), d.payloadTruncated(), d.payloadReplaced(), d.createdAt(), d.redrivenAt(),
                d.redrivenJobId(), d.redriveCount(), d.lastRedriveAt(), d.lastRedriveOutcome(),
                DeadLetterLinks.of(d.id(), d.jobId(), d.redrivenJobId()));
    }
}
