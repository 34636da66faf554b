package dev.genqueue.api.job.query;

import dev.genqueue.common.job.JobStatus;
import dev.genqueue.store.job.JobTransitionEntity;
import java.time.Instant;

/**
 * One state change in a job's history.
 *
 * @param from        previous state; {@code null} for the creation
 * @param to          new state
 * @param at          when it happened (database time)
 * @param attempt     APIXO submissions made so far
 * @param apixoTaskId the APIXO task at that moment, if any
 * @param reason      why, when the change was not the normal flow
 */
public record TransitionView(JobStatus from, JobStatus to, Instant at, int attempt, String apixoTaskId,
        String reason) {

    static TransitionView of(JobTransitionEntity t) {
        return new TransitionView(t.fromStatus, t.toStatus, t.at, t.attempt, t.apixoTaskId, t.reason);
    }
}
