package dev.genqueue.worker.dispatch;

import dev.genqueue.worker.job.ClaimedJob;
import java.time.Duration;

/**
 * One claimed job and, when the fleet quota paced it, when its APIXO request slot comes (relative to the start
 * of the claim; it may lie a little in the future).
 *
 * @param paced whether a request slot was reserved for the job
 */
public record Claim(ClaimedJob job, boolean paced, Duration slotIn) {

    /** A claim outside the quota: its APIXO call (if any) may start at once. */
    static Claim unpaced(ClaimedJob job) {
        return new Claim(job, false, Duration.ZERO);
    }
}
