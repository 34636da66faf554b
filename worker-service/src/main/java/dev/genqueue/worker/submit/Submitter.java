package dev.genqueue.worker.submit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.genqueue.common.catalogue.PollProfile;
import dev.genqueue.common.contract.DeliveryMode;
import dev.genqueue.common.contract.Json;
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
import dev.genqueue.worker.cost.CostEstimator;
import dev.genqueue.worker.job.ClaimedJob;
import dev.genqueue.worker.job.JobUpdate;
import dev.genqueue.worker.job.Lease;
import dev.genqueue.worker.job.LeasedWrites;
import dev.genqueue.worker.metrics.WorkerMetrics;
import dev.genqueue.worker.pause.AccountPause;
import dev.genqueue.worker.poll.PollSchedule;
import dev.genqueue.worker.quota.RequestPacer;
import dev.genqueue.worker.retry.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * QUEUED → SUBMITTING → SUBMITTED. The intent (SUBMITTING, attempts + 1, the callback token's hash) commits
 * before the HTTP call and the task id right after it, so the only window for a duplicate paid submit is a crash
 * or a lost answer between the two; such a job follows the configured {@link UnknownSubmitPolicy}, counted and
 * written in its history. A refused account pauses the fleet and puts the job back in the queue.
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
    private final AccountPause pause;
    private final RequestPacer pacer;
    private final WorkerMetrics metrics;
    private final WorkerConfig config;

    Submitter(ApixoClient apixo, LeasedWrites writes, Completion completion, PollSchedule schedule, Backoff backoff,
            CallbackUrls callbacks, AccountPause pause, RequestPacer pacer, WorkerMetrics metrics,
            WorkerConfig config) {
        this.apixo = apixo;
        this.writes = writes;
        this.completion = completion;
        this.schedule = schedule;
        this.backoff = backoff;
        this.callbacks = callbacks;
        this.pause = pause;
        this.pacer = pacer;
        this.metrics = metrics;
        this.config = config;
    }

    /** Submits a queued job. */
    public CompletionStage<Void> submit(Lease lease) {
        ClaimedJob job = lease.job();
        if (pause.isPaused()) {
            // claimed just before this worker learned of the pause: back to the queue, untouched
            return writes.apply(lease, lease.update().release(Duration.ZERO)).thenApply(owned -> null);
        }
        DeliveryMode requested = job.delivery() != null ? job.delivery() : config.defaultDelivery();
        int attempt = lease.attempts() + 1;
        // every attempt carries a URL naming it when one can be built: an orphaned task then announces its id
        CallbackPlan plan = callbacks.plan(job, attempt, requested == DeliveryMode.CALLBACK);
        // the token's hash, and a clean slate for the new task's callbacks, commit before APIXO can call back
        JobUpdate intent = lease.update().moveTo(JobStatus.SUBMITTING, "submit attempt " + attempt
                        + (plan.fallback() == null ? "" : "; " + plan.fallback()))
                .attempts(attempt)
                .set("delivery", (plan.callback() ? DeliveryMode.CALLBACK : DeliveryMode.POLLING).name())
                .clearTaskId()
                .setNull("callback_received_at")
                .setNull("callback_payload")
                .set("callback_count", 0)
                .setNull("adopt_until");
        if (plan.hasUrl()) {
            intent.set("callback_token_hash", plan.tokenHash());
        } else {
            intent.setNull("callback_token_hash");
        }
        return writes.apply(lease, intent).thenCompose(owned -> owned ? send(lease, plan) : DONE);
    }

    /**
     * A job found in SUBMITTING: its previous owner stopped between the intent and the answer. When the attempt
     * carried a callback URL, a task APIXO created announces itself through it: its id is adopted if it already
     * did; otherwise the job waits (unleased, due at the end of the wait, no thread held) for the model type's
     * adoption wait, a callback making it due at once. Only a wait that ends with nothing, or an attempt without
     * a URL, falls to the unknown-outcome policy.
     */
    public CompletionStage<Void> resolveOrphan(Lease lease) {
        ClaimedJob job = lease.job();
        String detail = "the worker submitting attempt " + lease.attempts() + " stopped before recording the answer";
        String announced = announcedTask(job);
        if (announced != null) {
            return adopt(lease, announced, detail);
        }
        if (!job.callbackUrlSent()) {
            return unknownOutcome(lease, "orphaned", detail, Duration.ZERO);
        }
        if (job.adoptUntil() == null) {
            Duration wait = adoptionWait(job.model());
            metrics.adoption("waiting");
            LOG.infof("job %s: %s; waiting up to %d ms for a task of attempt %d to announce itself", lease.jobId(),
                    detail, wait.toMillis(), lease.attempts());
            // a callback that arrived since the claim makes the job due at once
            return writes.apply(lease, lease.update().setIn("adopt_until", wait)
                    .releaseUnlessHinted(wait, job.claimedAt())).thenApply(owned -> null);
        }
        if (job.claimedAt().isBefore(job.adoptUntil())) {
            // due early without an announced task id: keep waiting until the wait ends
            return writes.apply(lease, lease.update().release(Duration.between(job.claimedAt(), job.adoptUntil())))
                    .thenApply(owned -> null);
        }
        metrics.adoption("not-announced");
        return unknownOutcome(lease, "orphaned", detail + "; no task announced itself through the attempt's "
                + "callback within the adoption wait", Duration.ZERO);
    }

    private CompletionStage<Void> adopt(Lease lease, String taskId, String detail) {
        ClaimedJob job = lease.job();
        PollProfile profile = PollSchedule.profileOf(job.model());
        metrics.adoption("adopted");
        LOG.infof("job %s: %s; adopting task %s, announced by the attempt's callback", lease.jobId(), detail, taskId);
        JobUpdate adopted = lease.update().moveTo(JobStatus.SUBMITTED, "adopted task " + taskId + " of attempt "
                        + lease.attempts() + ", announced by its callback after " + detail
                        + "; not submitted again")
                .taskId(taskId)
                .setNow("submitted_at")
                .setIn("deadline_at", schedule.maxWait(profile))
                .set("polls", 0)
                .transientFailures(0)
                .setNull("adopt_until");
        CostEstimator.estimate(job.model(), job.input()).ifPresentOrElse(cost -> adopted.set("cost_usd", cost),
                () -> adopted.setNull("cost_usd"));
        // the announcement is a hint: a status query confirms the task's state at once
        adopted.release(Duration.ZERO);
        return writes.apply(lease, adopted).thenApply(owned -> null);
    }

    /** The task id a callback of the current attempt announced, or {@code null}. */
    static String announcedTask(ClaimedJob job) {
        if (job.callbackReceivedAt() == null || job.callbackPayload() == null) {
            return null;
        }
        try {
            JsonNode taskId = Json.mapper().readTree(job.callbackPayload()).path("data").path("taskId");
            return taskId.isTextual() && !taskId.asText().isBlank() ? taskId.asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private Duration adoptionWait(String model) {
        PollProfile profile = PollSchedule.profileOf(model);
        Duration configured = config.submit().adoptionWait()
                .get(profile.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        return configured != null ? configured : schedule.adoptionWait(profile);
    }

    private CompletionStage<Void> send(Lease lease, CallbackPlan plan) {
        ClaimedJob job = lease.job();
        // the intent is committed; the request itself keeps to its slot of the fleet quota
        return pacer.beforeCall(lease)
                .thenCompose(ignored -> apixo.submit(new SubmitRequest(job.id(), job.model(), job.input(), plan.url())))
                .thenCompose(outcome -> onAnswer(lease, outcome, plan));
    }

    private CompletionStage<Void> onAnswer(Lease lease, SubmitOutcome outcome, CallbackPlan plan) {
        ClaimedJob job = lease.job();
        if (outcome instanceof SubmitOutcome.Accepted accepted) {
            PollProfile profile = PollSchedule.profileOf(job.model());
            Duration firstPoll = plan.callback() ? schedule.safetyPoll(profile) : schedule.firstPoll(profile);
            JobUpdate submitted = lease.update().moveTo(JobStatus.SUBMITTED, null)
                    .taskId(accepted.taskId())
                    .setNow("submitted_at")
                    .setIn("deadline_at", schedule.maxWait(profile))
                    .set("polls", 0)
                    .transientFailures(0);
            CostEstimator.estimate(job.model(), job.input()).ifPresentOrElse(cost -> submitted.set("cost_usd", cost),
                    () -> submitted.setNull("cost_usd"));
            if (plan.callback()) {
                // a callback that overtook this answer makes the job due at once
                submitted.releaseUnlessHinted(firstPoll, job.claimedAt());
            } else {
                // a polling job is polled as its profile says, whatever its URL heard meanwhile
                submitted.release(firstPoll);
            }
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
            String reason = "APIXO refused the account, HTTP " + account.httpStatus() + ": " + account.message();
            // no task was created: the job keeps its retry budget and waits, queued, for the pause to lift
            return pause.pause(account.httpStatus(), reason).thenCompose(ignored -> requeue(lease,
                    reason + "; submissions paused", lease.transientFailures(), Duration.ZERO));
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
