package dev.genqueue.worker.engine;

import java.time.Duration;

/**
 * What to do with a failed task.
 *
 * @param resubmit true to queue the job for a new APIXO task, false to fail it
 * @param after    wait before the new submission (when resubmitting)
 */
public record FailureDecision(boolean resubmit, Duration after) {

    /** Fail the job with APIXO's failCode and message. */
    public static final FailureDecision FAIL = new FailureDecision(false, Duration.ZERO);

    /** Submit again after {@code after}. */
    public static FailureDecision resubmitAfter(Duration after) {
        return new FailureDecision(true, after);
    }
}
