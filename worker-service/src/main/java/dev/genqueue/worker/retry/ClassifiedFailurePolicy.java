package dev.genqueue.worker.retry;

import dev.genqueue.common.failure.FailureClass;
import dev.genqueue.common.failure.FailureClassification;
import dev.genqueue.worker.config.WorkerConfig;
import dev.genqueue.worker.job.ClaimedJob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Failed tasks follow {@link FailureClassification}: content and input violations (and unknown codes) fail the
 * job; transient codes start a new task with exponential backoff and jitter until {@code retry.max-attempts}
 * tasks were tried, then the job is dead-lettered; credit exhaustion pauses the account.
 */
@ApplicationScoped
public class ClassifiedFailurePolicy implements FailurePolicy {

    private final Backoff backoff;
    private final int maxAttempts;

    @Inject
    ClassifiedFailurePolicy(Backoff backoff, WorkerConfig config) {
        this(backoff, config.retry().maxAttempts());
    }

    /** A policy allowing {@code maxAttempts} tasks per job. */
    public ClassifiedFailurePolicy(Backoff backoff, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1");
        }
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
    }

    @Override
    public FailureDecision onTaskFailed(ClaimedJob job, String failCode, String failMsg) {
        FailureClass failure = FailureClassification.ofFailCode(failCode);
        String message = failMsg != null && !failMsg.isBlank() ? failMsg : failure.userMessage();
        String code = failCode == null || failCode.isBlank() ? failure.reasonCode() : failCode;
        return switch (failure.action()) {
            case FAIL -> new FailureDecision.Fail(code, message);
            case PAUSE -> new FailureDecision.PauseAccount(code + ": " + message);
            case RETRY -> {
                int retry = job.taskRetries() + 1;
                yield retry < maxAttempts
                        ? new FailureDecision.Resubmit(retry, maxAttempts - 1, backoff.after(retry))
                        : new FailureDecision.Exhausted(code, message, job.taskRetries());
            }
        };
    }
}
