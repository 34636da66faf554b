package dev.genqueue.worker.poll;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genqueue.common.catalogue.PollProfile;
import dev.genqueue.common.failure.ApixoCall;
import dev.genqueue.common.failure.FailureClass;
import dev.genqueue.common.failure.FailureClassification;
import dev.genqueue.common.job.JobStatus;
import dev.genqueue.worker.apixo.ApixoClient;
import dev.genqueue.worker.apixo.StatusOutcome;
import dev.genqueue.worker.complete.Completion;
import dev.genqueue.worker.config.WorkerConfig;
import dev.genqueue.worker.dispatch.ClaimedJob;
import dev.genqueue.worker.dispatch.Lease;
import dev.genqueue.worker.download.Downloader;
import dev.genqueue.worker.engine.Backoff;
import dev.genqueue.worker.engine.FailureDecision;
import dev.genqueue.worker.engine.FailurePolicy;
import dev.genqueue.worker.engine.LeasedWrites;
import dev.genqueue.worker.metrics.WorkerMetrics;
import dev.genqueue.worker.state.JobUpdate;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * SUBMITTED/PROCESSING: one status query per claim, then either the next query is written into the job's
 * {@code next_run_at} and the job released (no thread waits for APIXO), or the job moves on. A claim at or
 * past the deadline makes this query the final check before TIMED_OUT.
 */
@ApplicationScoped
public class Poller {

    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final ApixoClient apixo;
    private final LeasedWrites writes;
    private final Completion completion;
    private final Downloader downloader;
    private final FailurePolicy failures;
    private final PollSchedule schedule;
    private final Backoff backoff;
    private final WorkerMetrics metrics;
    private final WorkerConfig config;
    private final ObjectMapper mapper;

    Poller(ApixoClient apixo, LeasedWrites writes, Completion completion, Downloader downloader,
            FailurePolicy failures, PollSchedule schedule, Backoff backoff, WorkerMetrics metrics, WorkerConfig config,
            ObjectMapper mapper) {
        this.apixo = apixo;
        this.writes = writes;
        this.completion = completion;
        this.downloader = downloader;
        this.failures = failures;
        this.schedule = schedule;
        this.backoff = backoff;
        this.metrics = metrics;
        this.config = config;
        this.mapper = mapper;
    }

    /** Queries the job's task and acts on the answer. */
    public CompletionStage<Void> poll(Lease lease) {
        ClaimedJob job = lease.job();
        if (job.apixoTaskId() == null) {
            return completion.fail(lease, "TASK_ID_MISSING", "the job was submitted but no APIXO task id is recorded");
        }
        return apixo.status(job.model(), job.apixoTaskId(), job.id())
                .thenCompose(outcome -> onAnswer(lease, outcome, job.pastDeadline()));
    }

    private CompletionStage<Void> onAnswer(Lease lease, StatusOutcome outcome, boolean finalCheck) {
        ClaimedJob job = lease.job();
        if (outcome instanceof StatusOutcome.Succeeded succeeded) {
            return download(lease, succeeded);
        }
        if (outcome instanceof StatusOutcome.Failed failed) {
            FailureDecision decision = failures.onTaskFailed(job, lease.attempts(), failed.failCode(), failed.failMsg());
            if (!decision.resubmit()) {
                return completion.fail(lease, failed.failCode(), failed.failMsg());
            }
            return apply(lease, lease.update().moveTo(JobStatus.QUEUED, "task failed with " + failed.failCode()
                    + "; submitting a new task").transientFailures(0).release(decision.after()));
        }
        if (outcome instanceof StatusOutcome.NotFound notFound) {
            FailureClass failure = FailureClassification.ofHttpStatus(notFound.httpStatus(), ApixoCall.STATUS);
            if (!failure.isRetry() || finalCheck) {
                return completion.fail(lease, failure.reasonCode(), failure.userMessage() + " (HTTP "
                        + notFound.httpStatus() + ": " + notFound.message() + ")");
            }
            int failed = lease.transientFailures() + 1;
            return retryLater(lease, failed, backoff.after(failed));
        }
        if (finalCheck) {
            return completion.timeOut(lease, "no result within the max wait of "
                    + schedule.maxWait(PollSchedule.profileOf(job.model())) + " (last answer: " + outcome.label()
                    + "); the APIXO task may still finish and be billed");
        }
        if (outcome instanceof StatusOutcome.Pending || outcome instanceof StatusOutcome.Processing) {
            return reschedule(lease, outcome instanceof StatusOutcome.Processing);
        }
        int failed = lease.transientFailures() + 1;
        if (outcome instanceof StatusOutcome.AccountProblem account) {
            metrics.accountProblem(account.httpStatus());
            return retryLater(lease, failed, config.retry().accountBackoff());
        }
        StatusOutcome.RetryLater retry = (StatusOutcome.RetryLater) outcome;
        return retryLater(lease, failed, backoff.after(failed, retry.retryAfter()));
    }

    private CompletionStage<Void> reschedule(Lease lease, boolean processing) {
        ClaimedJob job = lease.job();
        PollProfile profile = PollSchedule.profileOf(job.model());
        int polls = job.polls() + 1;
        JobUpdate update = lease.update();
        if (processing && lease.status() == JobStatus.SUBMITTED) {
            update.moveTo(JobStatus.PROCESSING, null);
        }
        return apply(lease, update.set("polls", polls).transientFailures(0)
                .release(schedule.nextPoll(profile, polls, job.untilDeadline())));
    }

    private CompletionStage<Void> retryLater(Lease lease, int failed, Duration wait) {
        return apply(lease, lease.update().transientFailures(failed)
                .release(PollSchedule.notPast(wait, lease.job().untilDeadline())));
    }

    private CompletionStage<Void> download(Lease lease, StatusOutcome.Succeeded succeeded) {
        List<String> urls = succeeded.resultUrls();
        if (urls.isEmpty()) {
            return completion.fail(lease, "NO_OUTPUT", "APIXO reported success without result URLs");
        }
        JobUpdate update = lease.update().moveTo(JobStatus.DOWNLOADING, "task succeeded with " + urls.size()
                + " outputs").setJson("result_urls", json(urls)).transientFailures(0);
        if (succeeded.completeTime() != null) {
            update.set("apixo_completed_at", succeeded.completeTime());
        } else {
            update.setNow("apixo_completed_at");
        }
        return writes.apply(lease, update).thenCompose(owned -> owned ? downloader.download(lease, urls) : DONE);
    }

    private CompletionStage<Void> apply(Lease lease, JobUpdate update) {
        return writes.apply(lease, update).thenApply(owned -> null);
    }

    private String json(List<String> urls) {
        try {
            return mapper.writeValueAsString(urls);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }
}
