package dev.genqueue.worker.submit;

import dev.genqueue.common.catalogue.PollProfile;
import dev.genqueue.common.contract.DeliveryMode;
import dev.genqueue.common.failure.ApixoCall;
import dev.genqueue.common.failure.FailureClass;
import dev.genqueue.common.failure.FailureClassification;
import dev.genqueue.common.job.JobStatus;
import dev.genqueue.worker.apixo.ApixoClient;
import dev.genqueue.worker.apixo.SubmitOutcome;
import dev.genqueue.worker.apixo.SubmitRequest;
import dev.genqueue.worker.complete.Completion;
import dev.genqueue.worker.config.UnknownSubmitPolicy;
import dev.genqueue.worker.config.WorkerConfig;
import dev.genqueue.worker.dispatch.ClaimedJob;
import dev.genqueue.worker.dispatch.Lease;
import dev.genqueue.worker.engine.Backoff;
import dev.genqueue.worker.engine.LeasedWrites;
import dev.genqueue.worker.metrics.WorkerMetrics;
import dev.genqueue.worker.poll.PollSchedule;
import dev.genqueue.worker.state.JobUpdate;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * QUEUED → SUBMITTING → SUBMITTED. The intent (SUBMITTING, attempts + 1) commits before the HTTP call and the
 * task id right after it, so the only window for a duplicate paid submit is a crash or a lost answer between
 * the two; such a job follows the configured {@link UnknownSubmitPolicy}, counted and written in its history.
 */
@ApplicationScoped
public class Submitter {

    private static final Logger LOG = Logger.getLogger(Submitter.class);
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final ApixoClient apixo;
    private final LeasedWrites writes;
    private final Completion completion;
    private final PollSchedule schedule;
    private final Backoff backoff;
    private final CallbackUrls callbacks;
    private final WorkerMetrics metrics;
    private final WorkerConfig config;

    Submitter(ApixoClient apixo, LeasedWrites writes, Completion completion, PollSchedule schedule, Backoff backoff,
            CallbackUrls callbacks, WorkerMetrics metrics, WorkerConfig config) {
        this.apixo = apixo;
        this.writes = writes;
        this.completion = completion;
        this.schedule = schedule;
        this.backoff = backoff;
        this.callbacks = callbacks;
        this.metrics = metrics;
        this.config = config;
    }

    /** Submits a queued job. */
    public CompletionStage<Void> submit(Lease lease) {
        DeliveryMode delivery = lease.job().delivery() != null ? lease.job().delivery() : config.defaultDelivery();
        int attempt = lease.attempts() + 1;
        JobUpdate intent = lease.update().moveTo(JobStatus.SUBMITTING, "submit attempt " + attempt)
                .attempts(attempt).set("delivery", delivery.name());
        return writes.apply(lease, intent).thenCompose(owned -> owned ? send(lease, delivery) : DONE);
    }

    /** A job found in SUBMITTING: its previous owner stopped between the intent and the answer. */
    public CompletionStage<Void> resolveOrphan(Lease lease) {
        return unknownOutcome(lease, "orphaned",
                "the worker submitting attempt " + lease.attempts() + " stopped before recording the answer",
                Duration.ZERO);
    }

    private CompletionStage<Void> send(Lease lease, DeliveryMode delivery) {
        ClaimedJob job = lease.job();
        String callbackUrl = delivery == DeliveryMode.CALLBACK ? callbacks.urlFor(job).orElse(null) : null;
        return apixo.submit(new SubmitRequest(job.id(), job.model(), job.input(), callbackUrl))
                .thenCompose(outcome -> onAnswer(lease, outcome));
    }

    private CompletionStage<Void> onAnswer(Lease lease, SubmitOutcome outcome) {
        if (outcome instanceof SubmitOutcome.Accepted accepted) {
            PollProfile profile = PollSchedule.profileOf(lease.job().model());
            JobUpdate submitted = lease.update().moveTo(JobStatus.SUBMITTED, null)
                    .taskId(accepted.taskId())
                    .setNow("submitted_at")
                    .setIn("deadline_at", schedule.maxWait(profile))
                    .set("polls", 0)
                    .transientFailures(0)
                    .release(schedule.firstPoll(profile));
            return writes.apply(lease, submitted).thenApply(owned -> null);
        }
        if (outcome instanceof SubmitOutcome.Rejected rejected) {
            FailureClass failure = FailureClassification.ofHttpStatus(rejected.httpStatus(), ApixoCall.SUBMIT);
            return completion.fail(lease, failure.reasonCode(), failure.userMessage() + " (HTTP "
                    + rejected.httpStatus() + ": " + rejected.message() + ")");
        }
        int failures = lease.transientFailures() + 1;
        if (outcome instanceof SubmitOutcome.RetryLater retry) {
            return requeue(lease, "submit not accepted: " + retry.reason(), failures,
                    backoff.after(failures, retry.retryAfter()));
        }
        if (outcome instanceof SubmitOutcome.AccountProblem account) {
            metrics.accountProblem(account.httpStatus());
            LOG.warnf("job %s: APIXO refused the account (HTTP %d: %s); the job waits %s", lease.jobId(),
                    account.httpStatus(), account.message(), config.retry().accountBackoff());
            return requeue(lease, "APIXO account problem, HTTP " + account.httpStatus() + ": " + account.message(),
                    failures, config.retry().accountBackoff());
        }
        SubmitOutcome.Unknown unknown = (SubmitOutcome.Unknown) outcome;
        return unknownOutcome(lease, "timeout", unknown.reason(), backoff.after(failures));
    }

    private CompletionStage<Void> requeue(Lease lease, String reason, int failures, Duration wait) {
        JobUpdate requeue = lease.update().moveTo(JobStatus.QUEUED, reason).transientFailures(failures).release(wait);
        return writes.apply(lease, requeue).thenApply(owned -> null);
    }

    private CompletionStage<Void> unknownOutcome(Lease lease, String cause, String detail, Duration wait) {
        UnknownSubmitPolicy policy = config.submit().unknownOutcome();
        metrics.unknownSubmit(cause, policy.name().toLowerCase(Locale.ROOT));
        String reason = "UNKNOWN_SUBMIT_OUTCOME (" + cause + "): " + detail + "; a task may exist for attempt "
                + lease.attempts();
        LOG.warnf("job %s: %s; policy %s", lease.jobId(), reason, policy);
        JobUpdate update = policy == UnknownSubmitPolicy.HOLD
                ? lease.update().moveTo(JobStatus.HELD, reason + "; held for review").park()
                : lease.update().moveTo(JobStatus.QUEUED, reason + "; resubmitting").release(wait);
        return writes.apply(lease, update).thenApply(owned -> null);
    }
}
