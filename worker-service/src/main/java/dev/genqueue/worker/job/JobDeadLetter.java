package dev.genqueue.worker.job;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The {@code dead_letter} row (kind {@code job}) of a job that exhausted its retries; redriving it creates a new
 * job from the same request.
 *
 * @param payload the job's request as JSON, for inspection
 * @param reason  why the job gave up, shown to operators
 */
public record JobDeadLetter(UUID jobId, String payload, String reason) {

    /** {@code dead_letter.kind} of exhausted jobs. */
    public static final String KIND = "job";

    /** The stable id of a job's dead letter: a retried terminal write inserts it once. */
    public UUID id() {
        return UUID.nameUUIDFromBytes(("genqueue-dead-job:" + jobId).getBytes(StandardCharsets.UTF_8));
    }
}
