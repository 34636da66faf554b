package dev.genqueue.worker.poll;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genqueue.common.catalogue.PollProfile;
import dev.genqueue.common.contract.DeliveryMode;
import dev.genqueue.common.failure.ApixoCall;
import dev.genqueue.common.failure.FailureClass;
import dev.genqueue.common.failure.FailureClassification;
import dev.genqueue.common.job.JobStatus;
import dev.genqueue.worker.apixo.ApixoClient;
import dev.genqueue.worker.apixo.StatusOutcome;
import dev.genqueue.worker.complete.Completion;
import dev.genqueue.worker.config.WorkerConfig;
import dev.genqueue.worker.download.Downloader;
import dev.genqueue.worker.job.ClaimedJob;
import dev.genqueue.worker.job.JobUpdate;
import dev.genqueue.worker.job.Lease;
import dev.genqueue.worker.job.LeasedWrites;
import dev.genqueue.worker.metrics.WorkerMetrics;
import dev.genqueue.worker.pause.AccountPause;
import dev.genqueue.worker.pause.PauseConfig;
import dev.genqueue.worker.quota.RequestPacer;
import dev.genqueue.worker.retry.Backoff;
import dev.genqueue.worker.retry.FailureDecision;
import dev.genqueue.worker.retry.FailurePolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * SUBMITTED/PROCESSING: one status query per claim, then either the next query is written into the job's
 * {@code next_run_at} and the job released (no thread waits for APIXO), or the job moves on. Result URLs come
 * only from a status query (or, with confirmation off, from a callback of the job's own task), never from an
 * unconfirmed callback. A claim at or past the deadline makes this query the final check before TIMED_OUT; a
 * final check APIXO does not answer is retried rather than taken as an answer.
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
    private final AccountPause pause;
    private final PauseConfig pauseConfig;
    private final RequestPacer pacer;
    private final WorkerMetrics metrics;
    private final WorkerConfig config;
    private final ObjectMapper mapper;

    Poller(ApixoClient apixo, LeasedWrites writes, Completion completion, Downloader downloader,
            FailurePolicy failures, PollSchedule schedule, Backoff backoff, AccountPause pause, PauseConfig pauseConfig,
            RequestPacer pacer, WorkerMetrics metrics, WorkerConfig config, ObjectMapper mapper) {
        this.apixo = apixo;
        this.writes = writes;
        this.completion = completion;
        this.downloader = downloader;
        this.failures = failures;
        this.schedule = schedule;
        this.backoff = backoff;
        this.pause = pause;
        this.pauseConfig = pauseConfig;
        this.pacer = pacer;
        this.metrics = metrics;
        this.config = config;
        this.mapper = mapper;
    }

    /** Queries the job's task (or reads its callback, when callbacks are trusted) and acts on the answer. */
    public CompletionStage<Void> poll(Lease lease) {
        ClaimedJob job = lease.job();
        if (job.apixoTaskId() == null) {
            return completion.fail(lease, "TASK_ID_MISSING", "the job was submitted but no APIXO task id is recorded");
        }
        if (job.delivery() == DeliveryMode.CALLBACK && !config.callback().confirm()) {
            Optional<StatusOutcome> trusted = CallbackPayloads.terminalOutcome(job.callbackPayload(),
                    job.apixoTaskId());
            if (trusted.isPresent()) {
                metrics.callbackTrusted();
                return onAnswer(lease, trusted.get(), false);
            }
        }
        if (job.callbackReceivedAt() != null) {
            metrics.callbackConfirmation();
        }
        return pacer.beforeCall(lease)
                .thenCompose(ignored -> apixo.status(job.model(), job.apixoTaskId(), job.id()))
                .thenCompose(outcome -> onAnswer(lease, outcome, job.pastDeadline()));
    }

    private CompletionStage<Void> onAnswer(Lease lease, StatusOutcome outcome, boolean finalCheck) {
        ClaimedJob job = lease.job();
        if (outcome instanceof StatusOutcome.Succeeded succeeded) {
            return download(lease, succeeded);
        }
        if (outcome instanceof StatusOutcome.Failed failed) {
            return onTaskFailed(lease, failed);
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
        if (outcome instanceof StatusOutcome.Pending || outcome instanceof StatusOutcome.Processing) {
            if (finalCheck) {
                return completion.timeOut(lease, "no result within the max wait of "
                        + schedule.maxWait(PollSchedule.profileOf(job.model())) + ": APIXO still reports the task "
                        + outcome.label() + " after " + (job.polls() + 1) + " status queries; the task may still "
                        + "finish and be billed");
            }
            return reschedule(lease, outcome instanceof StatusOutcome.Processing);
        }
        if (finalCheck && job.deadlineAt() != null
                && !job.claimedAt().isBefore(job.deadlineAt().plus(config.poll().finalCheckGrace()))) {
            return completion.timeOut(lease, "no result within the max wait, and APIXO did not answer the final "
                    + "status query for " + config.poll().finalCheckGrace() + " (last answer: " + outcome.label()
                    + "); the task may still finish and be billed");
        }
        int failed = lease.transientFailures() + 1;
        if (outcome instanceof StatusOutcome.AccountProblem account) {
            metrics.accountProblem(account.httpStatus());
            return pause.pause(account.httpStatus(), "APIXO refused the account on a status query, HTTP "
                    + account.httpStatus() + ": " + account.message())
                    .thenCompose(ignored -> retryLater(lease, failed, pauseConfig.checkInterval()));
        }
        StatusOutcome.RetryLater retry = (StatusOutcome.RetryLater) outcome;
        return retryLater(lease, failed, backoff.after(failed, retry.retryAfter()));
    }

    private CompletionStage<Void> onTaskFailed(Lease lease, StatusOutcome.Failed failed) {
        FailureDecision decision = failures.onTaskFailed(lease.job(), failed.failCode(), failed.failMsg());
        String task = "task " + lease.taskId() + " failed with " + failed.failCode()
                + (failed.failMsg() == null ? "" : " (" + failed.failMsg() + ")");
        if (decision instanceof FailureDecision.Fail fail) {
            return completion.failTask(lease, fail.failCode(), fail.message());
        }
        if (decision instanceof FailureDecision.Exhausted exhausted) {
            return completion.exhausted(lease, exhausted.failCode(), exhausted.message(), task + "; retries exhausted ("
                    + (exhausted.retries() + 1) + " tasks tried)");
        }
        if (decision instanceof FailureDecision.Resubmit resubmit) {
            metrics.resubmitted(failed.failCode());
            return apply(lease, requeue(lease, task + "; retry " + resubmit.retry() + " of " + resubmit.maxRetries()
                    + " in " + resubmit.after().toMillis() + " ms").set("task_retries", resubmit.retry())
                    .release(resubmit.after()));
        }
        FailureDecision.PauseAccount account = (FailureDecision.PauseAccount) decision;
        return pause.pause(402, account.reason()).thenCompose(ignored -> apply(lease,
                requeue(lease, task + "; submissions paused, the job waits queued").release(Duration.ZERO)));
    }

    // back to QUEUED for a new task: APIXO refunds a failed task, so its cost is 0 again
    private JobUpdate requeue(Lease lease, String reason) {
        return lease.update().moveTo(JobStatus.QUEUED, reason).set("cost_usd", BigDecimal.ZERO).transientFailures(0);
    }

    private CompletionStage<Void> reschedule(Lease lease, boolean processing) {
        ClaimedJob job = lease.job();
        PollProfile profile = PollSchedule.profileOf(job.model());
        int polls = job.polls() + 1;
        JobUpdate update = lease.update();
        if (processing && lease.status() == JobStatus.SUBMITTED) {
            update.moveTo(JobStatus.PROCESSING, null);
        }
        Duration next = schedule.nextPoll(profile, polls, job.untilDeadline());
        if (job.delivery() == DeliveryMode.CALLBACK && job.submittedAt() != null) {
            // an early (stale or forged) callback does not bring the safety poll forward: the callback still comes
            Duration untilSafetyPoll = Duration.between(job.claimedAt(),
                    job.submittedAt().plus(schedule.safetyPoll(profile)));
            next = PollSchedule.notPast(untilSafetyPoll.compareTo(next) > 0 ? untilSafetyPoll : next,
                    job.untilDeadline());
        }
        // a callback that arrived during this query (after the claim) may know more than the answer just read
        return apply(lease, update.set("polls", polls).transientFailures(0)
                .releaseUnlessHinted(next, job.claimedAt()));
    }

    private CompletionStage<Void> retryLater(Lease lease, int failed, Duration wait) {
        ClaimedJob job = lease.job();
        Duration until = job.pastDeadline() ? wait : PollSchedule.notPast(wait, job.untilDeadline());
        return apply(lease, lease.update().transientFailures(failed).release(until));
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
