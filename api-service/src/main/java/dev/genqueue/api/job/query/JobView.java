package dev.genqueue.api.job.query;

import dev.genqueue.common.contract.StoredOutput;
import dev.genqueue.common.job.JobStatus;
import dev.genqueue.store.job.JobEntity;
import dev.genqueue.store.job.JobOutputEntity;
import dev.genqueue.store.job.JobTransitionEntity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A job as the API shows it: state, APIXO task, failure, stored outputs and full history.
 *
 * @param jobId            the job
 * @param requestId        its idempotency key
 * @param tenantId         owner
 * @param projectId        optional project
 * @param model            APIXO model id
 * @param delivery         {@code polling} or {@code callback}; {@code null} until the worker applies the default
 * @param source           how it arrived: {@code rest}, {@code kafka} or {@code redrive} (from a dead letter)
 * @param status           current state
 * @param attempts         APIXO submissions made
 * @param apixoTaskId      current APIXO task id, once submitted
 * @param failCode         APIXO failCode or genqueue reason code, when failed or timed out
 * @param failMsg          human-readable reason, when failed or timed out
 * @param costUsd          cost charged by APIXO, when known
 * @param outputs          stored outputs, in APIXO's result order
 * @param history          every state change, oldest first
 * @param acceptedAt       when genqueue accepted the request
 * @param submittedAt      when the current APIXO task was created
 * @param apixoCompletedAt when APIXO reported the task finished
 * @param finishedAt       when the job reached its terminal state
 * @param updatedAt        last change of the job row
 * @param links            related resources
 */
public record JobView(
        UUID jobId,
        String requestId,
        String tenantId,
        String projectId,
        String model,
        String delivery,
        String source,
        JobStatus status,
        int attempts,
        String apixoTaskId,
        String failCode,
        String failMsg,
        BigDecimal costUsd,
        List<StoredOutput> outputs,
        List<TransitionView> history,
        Instant acceptedAt,
        Instant submittedAt,
        Instant apixoCompletedAt,
        Instant finishedAt,
        Instant updatedAt,
        JobLinks links) {

    static JobView of(JobEntity job, List<JobTransitionEntity> history, List<JobOutputEntity> outputs) {
        return new JobView(job.id, job.requestId, job.tenantId, job.projectId, job.model, lower(job.delivery),
                lower(job.source), job.status, job.attempts, job.apixoTaskId, job.failCode, job.failMsg, job.costUsd,
                outputs.stream().map(JobView::output).toList(),
                history.stream().map(TransitionView::of).toList(),
                job.acceptedAt, job.submittedAt, job.apixoCompletedAt, job.finishedAt, job.updatedAt,
                JobLinks.of(job.id));
    }

    private static StoredOutput output(JobOutputEntity o) {
        return new StoredOutput(o.originalUrl, o.location, o.sizeBytes, o.sha256, o.contentType);
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
