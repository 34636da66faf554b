package dev.genqueue.worker.complete;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.common.contract.ResultEvent;
import dev.genqueue.common.contract.StoredOutput;
import dev.genqueue.common.contract.Topics;
import dev.genqueue.common.job.JobStatus;
import dev.genqueue.store.outbox.OutboxRecord;
import dev.genqueue.worker.cost.CostTracker;
import dev.genqueue.worker.job.ClaimedJob;
import dev.genqueue.worker.job.JobDeadLetter;
import dev.genqueue.worker.job.JobUpdate;
import dev.genqueue.worker.job.JobWrite;
import dev.genqueue.worker.job.Lease;
import dev.genqueue.worker.job.LeasedWrites;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Terminal states: the final row update, its outputs, the job's one {@link ResultEvent} (with the estimated
 * cost) and, for a job out of retries, its dead letter commit in one transaction. The event id derives from the
 * job id, so however often a terminal write is retried, at most one event row exists (the outbox ignores a
 * repeated event id).
 */
@ApplicationScoped
public class Completion {

    private static final BigDecimal REFUNDED = BigDecimal.ZERO.setScale(4);

    private final LeasedWrites writes;
    private final ObjectMapper mapper;
    private final CostTracker costs;

    Completion(LeasedWrites writes, ObjectMapper mapper, CostTracker costs) {
        this.writes = writes;
        this.mapper = mapper;
        this.costs = costs;
    }

    /** The stable id of a job's result event. */
    public static UUID resultEventId(UUID jobId) {
        return ResultEvent.idFor(jobId);
    }

    /** Every output is stored: SUCCEEDED, charged the task's estimated cost. */
    public CompletionStage<Void> succeed(Lease lease, List<StoredOutput> outputs) {
        return finish(lease, new Outcome(JobStatus.SUCCEEDED, null, null, outputs.size() + " outputs stored",
                outputs, lease.job().costUsd(), null));
    }

    /** FAILED with genqueue's own reason code (or APIXO's) and a message; the cost stays what it was. */
    public CompletionStage<Void> fail(Lease lease, String failCode, String failMsg) {
        return finish(lease, new Outcome(JobStatus.FAILED, failCode, failMsg, failCode + ": " + failMsg, List.of(),
                lease.job().costUsd(), null));
    }

    /** FAILED because APIXO failed the task for good: APIXO refunds failed tasks, so the cost is 0. */
    public CompletionStage<Void> failTask(Lease lease, String failCode, String failMsg) {
        return finish(lease, new Outcome(JobStatus.FAILED, failCode, failMsg, failCode + ": " + failMsg, List.of(),
                REFUNDED, null));
    }

    /** FAILED after the last allowed task failed too; the job is dead-lettered so it can be redriven. */
    public CompletionStage<Void> exhausted(Lease lease, String failCode, String failMsg, String deadLetterReason) {
        return finish(lease, new Outcome(JobStatus.FAILED, failCode, failMsg, deadLetterReason, List.of(), REFUNDED,
                new JobDeadLetter(lease.jobId(), request(lease.job()), deadLetterReason)));
    }

    /** TIMED_OUT after the final status check; the APIXO task may still finish and be billed. */
    public CompletionStage<Void> timeOut(Lease lease, String failMsg) {
        return finish(lease, new Outcome(JobStatus.TIMED_OUT, "TIMED_OUT", failMsg, failMsg, List.of(),
                lease.job().costUsd(), null));
    }

    private CompletionStage<Void> finish(Lease lease, Outcome outcome) {
        JobUpdate update = lease.update().moveTo(outcome.status(), outcome.reason()).setNow("finished_at").park();
        if (outcome.failCode() != null) {
            update.set("fail_code", outcome.failCode());
        }
        if (outcome.failMsg() != null) {
            update.set("fail_msg", outcome.failMsg());
        }
        if (outcome.cost() != null) {
            update.set("cost_usd", outcome.cost());
        }
        String taskId = lease.taskId();
        int attempts = lease.attempts();
        ClaimedJob job = lease.job();
        JobWrite write = new JobWrite(update, outcome.outputs(), finishedAt -> List.of(event(new ResultEvent(
                resultEventId(job.id()), ResultEvent.SCHEMA_VERSION, job.id(), job.requestId(), job.tenantId(),
                job.projectId(), job.model(), outcome.status(), taskId, outcome.outputs(), outcome.failCode(),
                outcome.failMsg(), attempts, outcome.cost(), job.acceptedAt(), job.submittedAt(), finishedAt))),
                outcome.deadLetter());
        return writes.apply(lease, write).thenApply(owned -> {
            if (owned) {
                costs.finished(job, outcome.status(), outcome.cost());
            }
            return null;
        });
    }

    private OutboxRecord event(ResultEvent event) {
        try {
            return new OutboxRecord(event.eventId(), Topics.RESULTS, event.jobId().toString(),
                    mapper.writeValueAsString(event), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a result event always serialises", e);
        }
    }

    // the request as a producer would send it again, shown with the dead letter
    private String request(ClaimedJob job) {
        ObjectNode body = mapper.createObjectNode();
        body.put("requestId", job.requestId());
        body.put("tenantId", job.tenantId());
        if (job.projectId() != null) {
            body.put("projectId", job.projectId());
        }
        body.put("model", job.model());
        body.set("input", job.input());
        if (job.delivery() != null) {
            body.put("delivery", job.delivery().name().toLowerCase(Locale.ROOT));
        }
        return body.toString();
    }

    /** What a terminal write records. */
    private record Outcome(JobStatus status, String failCode, String failMsg, String reason,
            List<StoredOutput> outputs, BigDecimal cost, JobDeadLetter deadLetter) {
    }
}
