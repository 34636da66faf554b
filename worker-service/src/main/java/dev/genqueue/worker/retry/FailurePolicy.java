package dev.genqueue.worker.retry;

import dev.genqueue.worker.job.ClaimedJob;

/** Decides what a failed APIXO task means for its job: fail it, submit a new task, or pause the account. */
public interface FailurePolicy {

    /** @param failCode APIXO's failCode, any string (or {@code null}) */
    FailureDecision onTaskFailed(ClaimedJob job, String failCode, String failMsg);
}
