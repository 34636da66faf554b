package dev.genqueue.worker.complete;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genqueue.common.contract.ResultEvent;
import dev.genqueue.common.contract.StoredOutput;
import dev.genqueue.common.contract.Topics;
import dev.genqueue.common.job.JobStatus;
import dev.genqueue.store.outbox.OutboxRecord;
import dev.genqueue.worker.dispatch.ClaimedJob;
import dev.genqueue.worker.dispatch.Lease;
import dev.genqueue.worker.engine.LeasedWrites;
import dev.genqueue.worker.state.JobUpdate;
import dev.genqueue.worker.state.JobWrite;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Terminal states: the final row update, its outputs and the job's one {@link ResultEvent} commit in one
 * transaction. The event id derives from the job id, so however often a terminal write is retried, at most
 * one event row exists (the outbox ignores a repeated event id).
 */
@ApplicationScoped
public class Completion {

    private final LeasedWrites writes;
    private final ObjectMapper mapper;

    Completion(LeasedWrites writes, ObjectMapper mapper) {
        this.writes = writes;
        this.mapper = mapper;
    }

    /** The stable id of a job's result event. */
    public static UUID resultEventId(UUID jobId) {
        return UUID.nameUUIDFromBytes(("genqueue-result:" + jobId).getBytes(StandardCharsets.UTF_8));
    }

    /** Every output is stored: SUCCEEDED. */
    public CompletionStage<Void> succeed(Lease lease, List<StoredOutput> outputs) {
        return finish(lease, JobStatus.SUCCEEDED, null, null, outputs.size() + " outputs stored", outputs);
    }

    /** FAILED with a failCode (APIXO's, or genqueue's own reason code) and a message. */
    public CompletionStage<Void> fail(Lease lease, String failCode, String failMsg) {
        return finish(lease, JobStatus.FAILED, failCode, failMsg, failCode + ": " + failMsg, List.of());
    }

    /** TIMED_OUT after the final status check; the APIXO task may still finish. */
    public CompletionStage<Void> timeOut(Lease lease, String failMsg) {
        return finish(lease, JobStatus.TIMED_OUT, "TIMED_OUT", failMsg, failMsg, List.of());
    }

    private CompletionStage<Void> finish(Lease lease, JobStatus status, String failCode, String failMsg,
            String reason, List<StoredOutput> outputs) {
        JobUpdate update = lease.update().moveTo(status, reason).setNow("finished_at").park();
        if (failCode != null) {
            update.set("fail_code", failCode);
        }
        if (failMsg != null) {
            update.set("fail_msg", failMsg);
        }
        String taskId = lease.taskId();
        int attempts = lease.attempts();
        ClaimedJob job = lease.job();
        JobWrite write = new JobWrite(update, outputs, finishedAt -> List.of(event(new ResultEvent(
                resultEventId(job.id()), ResultEvent.SCHEMA_VERSION, job.id(), job.requestId(), job.tenantId(),
                job.projectId(), job.model(), status, taskId, outputs, failCode, failMsg, attempts, null,
                job.acceptedAt(), job.submittedAt(), finishedAt))));
        return writes.apply(lease, write).thenApply(owned -> null);
    }

    private OutboxRecord event(ResultEvent event) {
        try {
            return new OutboxRecord(event.eventId(), Topics.RESULTS, event.jobId().toString(),
                    mapper.writeValueAsString(event), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a result event always serialises", e);
        }
    }
}
