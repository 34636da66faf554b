package dev.genqueue.bench.scenario;

import dev.genqueue.common.catalogue.PollProfile;
import java.time.Duration;

/**
 * The seed's polling schedule as the worker applies it ({@code PollProfile} × the worker's poll time scale):
 * first query after the initial wait, then every interval × 1.5ⁿ⁻¹ capped at 30 s, never past the max wait.
 * Answers what an ideal poller would do for a task with known submit and completion times.
 *
 * @param polls      status queries until the one that sees the task finished (or the final check)
 * @param lastPollAt when that query happens (epoch ms)
 */
record PollPlan(int polls, long lastPollAt) {

    static PollPlan of(PollProfile profile, double scale, long submittedAt, long completedAt) {
        long deadline = submittedAt + scaled(profile.maxWait(), scale);
        long at = Math.min(submittedAt + scaled(profile.initialWait(), scale), deadline);
        int polls = 1;
        while (at < completedAt && at < deadline) {
            at = Math.min(at + scaled(profile.intervalAfter(polls), scale), deadline);
            polls++;
        }
        return new PollPlan(polls, at);
    }

    /** How long after completion the schedule's first query comes. */
    long delayAfter(long completedAt) {
        return Math.max(0, lastPollAt - completedAt);
    }

    private static long scaled(Duration duration, double scale) {
        return Math.round(duration.toNanos() * scale) / 1_000_000;
    }
}
