package dev.genqueue.worker.poll;

import dev.genqueue.common.catalogue.ModelCatalogue;
import dev.genqueue.common.catalogue.ModelSpec;
import dev.genqueue.common.catalogue.PollProfile;
import java.time.Duration;

/**
 * When to query a task: the model type's {@link PollProfile} multiplied by the time scale (1.0 in production,
 * small in tests), never past the task's deadline so the final check happens on time.
 */
public final class PollSchedule {

    private final double timeScale;

    public PollSchedule(double timeScale) {
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("time scale must be a positive number, was " + timeScale);
        }
        this.timeScale = timeScale;
    }

    /** The profile of a model; unknown models get the most patient one. */
    public static PollProfile profileOf(String model) {
        return ModelCatalogue.find(model).map(ModelSpec::profile).orElse(PollProfile.VIDEO);
    }

    /** Wait between the submit and the first status query. */
    public Duration firstPoll(PollProfile profile) {
        return scale(profile.initialWait());
    }

    /**
     * Wait between the submit and the first status query of a callback-mode job: the model type's expected
     * completion, so a delivered callback normally makes polling unnecessary and a lost one costs at most one
     * poll interval past completion.
     */
    public Duration safetyPoll(PollProfile profile) {
        return scale(profile.expectedCompletion());
    }

    /**
     * How long a job found in SUBMITTING waits for its orphaned task's callback: the expected completion × 1.5
     * (APIXO calls back when the task ends), scaled like every poll.
     */
    public Duration adoptionWait(PollProfile profile) {
        return scale(profile.expectedCompletion().multipliedBy(3).dividedBy(2));
    }

    /** Time from the submit until the task is given up as timed out. */
    public Duration maxWait(PollProfile profile) {
        return scale(profile.maxWait());
    }

    /** Wait after the {@code pollsDone}-th query found the task unfinished: interval × 1.5ⁿ⁻¹, capped at 30 s. */
    public Duration afterPoll(PollProfile profile, int pollsDone) {
        return scale(profile.intervalAfter(pollsDone));
    }

    /** {@link #afterPoll}, but no later than the deadline ({@code untilDeadline} from now). */
    public Duration nextPoll(PollProfile profile, int pollsDone, Duration untilDeadline) {
        return notPast(afterPoll(profile, pollsDone), untilDeadline);
    }

    /** {@code wait}, shortened to {@code untilDeadline} (and never negative). */
    public static Duration notPast(Duration wait, Duration untilDeadline) {
        if (untilDeadline.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(untilDeadline) > 0 ? untilDeadline : wait;
    }

    private Duration scale(Duration duration) {
        return Duration.ofNanos(Math.round(duration.toNanos() * timeScale));
    }
}
