package dev.genqueue.api.job.held;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a resolution of HELD jobs did (or, for a dry run, would do).
 *
 * @param action    resubmit or fail
 * @param dryRun    true: nothing was changed
 * @param count     jobs in {@code jobs}
 * @param remaining held jobs matching the selection that this call did not change
 * @param jobs      one entry per job, oldest held first
 */
public record HeldResolution(String action, boolean dryRun, int count, long remaining, List<Item> jobs) {

    /**
     * @param outcome {@code resubmitted}, {@code failed}, or for a dry run {@code would-resubmit} / {@code would-fail}
     */
    public record Item(UUID jobId, String model, int attempt, Instant heldSince, String outcome) {
    }
}
