package dev.genqueue.worker.submit;

import dev.genqueue.worker.dispatch.ClaimedJob;

/** How a job that asked for callbacks is submitted: with a fresh webhook address, or by polling when none exists. */
public interface CallbackUrls {

    /** A plan for this submission; a new token each time, so callbacks of an earlier task are refused. */
    CallbackPlan plan(ClaimedJob job);
}
