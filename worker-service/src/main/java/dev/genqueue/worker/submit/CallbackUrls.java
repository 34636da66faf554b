package dev.genqueue.worker.submit;

import dev.genqueue.worker.job.ClaimedJob;

/**
 * The webhook address of a submit attempt: a fresh one per attempt whenever a public base URL exists, also for
 * jobs followed by polling (so an orphaned task can announce itself), or polling alone when none exists.
 */
public interface CallbackUrls {

    /**
     * A plan for this submission; a new token each time, so callbacks of an earlier task are refused.
     *
     * @param attempt  the attempt about to be submitted (from 1), named in the URL
     * @param followed whether the job asked to be followed by callbacks (else it is polled, URL or not)
     */
    CallbackPlan plan(ClaimedJob job, int attempt, boolean followed);
}
