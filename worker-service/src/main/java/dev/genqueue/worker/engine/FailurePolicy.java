package dev.genqueue.worker.engine;

import dev.genqueue.worker.dispatch.ClaimedJob;

/** Decides what a failed APIXO task means for its job: fail it, or submit it again as a new task. */
public interface FailurePolicy {

    /**
     * @param attempts submissions made for the job so far
     * @param failCode APIXO's failCode, any string
     */
    FailureDecision onTaskFailed(ClaimedJob job, int attempts, String failCode, String failMsg);
}
