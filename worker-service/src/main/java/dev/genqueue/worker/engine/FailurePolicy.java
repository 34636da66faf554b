package dev.genqueue.worker.engine;

import dev.genqueue.worker.dispatch.ClaimedJob;

/** Decides what a failed APIXO task means for its job: fail it, submit a new task, or pause the account. */
public interface FailurePolicy {

    /** @param failCode APIXO's failCode, any string (or {@code null}) */
    FailureDecision onTaskFailed(ClaimedJob job, String failCode, String failMsg);
}
