package dev.genqueue.common.failure;

/** What genqueue does about a failure. */
public enum FailureAction {
    /** Transient: try again later (a new APIXO task when the task itself failed), within the retry budget. */
    RETRY,
    /** Permanent for this job: fail it with a user-facing reason, never retry. */
    FAIL,
    /** Account-level: stop submitting for the whole fleet, keep jobs queued, alert, resume when healthy. */
    PAUSE
}
