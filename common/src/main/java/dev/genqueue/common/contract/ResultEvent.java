package dev.genqueue.common.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.genqueue.common.job.JobStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Announces a job's terminal state on {@link Topics#RESULTS}, keyed by job id, schema v1. Delivery is
 * at-least-once: consumers drop repeats by {@code eventId}, which is stable across re-publication.
 *
 * @param eventId       stable id of this event
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param jobId         the job
 * @param requestId     the idempotency key the job was created with
 * @param tenantId      owner of the job
 * @param projectId     optional project
 * @param model         APIXO model id
 * @param status        {@code succeeded}, {@code failed} or {@code timed_out}
 * @param apixoTaskId   the last APIXO task id, if a task was created
 * @param outputs       stored outputs (empty unless succeeded)
 * @param failCode      APIXO failCode or genqueue reason code when not succeeded
 * @param failMsg       human-readable reason when not succeeded
 * @param attempts      number of APIXO submissions made for the job
 * @param costUsd       estimated cost charged by APIXO, if known
 * @param acceptedAt    when genqueue accepted the request
 * @param submittedAt   when the last APIXO task was created
 * @param finishedAt    when the job reached its terminal state
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResultEvent(
        UUID eventId,
        int schemaVersion,
        UUID jobId,
        String requestId,
        String tenantId,
        String projectId,
        String model,
        JobStatus status,
        String apixoTaskId,
        List<StoredOutput> outputs,
        String failCode,
        String failMsg,
        int attempts,
        BigDecimal costUsd,
        Instant acceptedAt,
        Instant submittedAt,
        Instant finishedAt) {

    public static final int SCHEMA_VERSION = 1;

    /** The one event id of a job's result event, whichever service writes it: a name-based UUID of the job id. */
    public static UUID idFor(UUID jobId) {
        return UUID.nameUUIDFromBytes(("genqueue-result:" + jobId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public ResultEvent {
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }
}
