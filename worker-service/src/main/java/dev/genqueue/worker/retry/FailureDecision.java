package dev.genqueue.worker.retry;

import java.time.Duration;

/** What a failed APIXO task means for its job. */
public sealed interface FailureDecision {

    /** Permanent: the job fails with APIXO's failCode and a message for the requester. */
    record Fail(String failCode, String message) implements FailureDecision {
    }

    /** Transient: a new task after {@code after}; {@code retry} is the job's new retry count (1 for the first). */
    record Resubmit(int retry, int maxRetries, Duration after) implements FailureDecision {
    }

    /** Transient, but the retry budget is spent: the job fails and is dead-lettered for redrive. */
    record Exhausted(String failCode, String message, int retries) implements FailureDecision {
    }

    /** Account-level: the fleet pauses submissions; the job waits, queued, without using its retry budget. */
    record PauseAccount(String reason) implements FailureDecision {
    }
}
