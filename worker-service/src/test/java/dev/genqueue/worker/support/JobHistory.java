package dev.genqueue.worker.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genqueue.common.job.JobStatus;
import dev.genqueue.worker.support.JobStoreQueries.TransitionRow;
import java.util.List;

/** Assertions on a job's recorded history. */
public final class JobHistory {

    private JobHistory() {
    }

    /** The history starts with the creation, chains without gaps and every step is allowed by the state machine. */
    public static void assertLegalPath(List<TransitionRow> history, JobStatus last) {
        assertThat(history).isNotEmpty();
        assertThat(history.get(0).from()).isNull();
        assertThat(history.get(0).to()).isEqualTo(JobStatus.QUEUED);
        for (int i = 1; i < history.size(); i++) {
            TransitionRow previous = history.get(i - 1);
            TransitionRow step = history.get(i);
            assertThat(step.from()).as("step %d starts where step %d ended", i, i - 1).isEqualTo(previous.to());
            assertThat(step.from().canTransitionTo(step.to())).as("%s -> %s is allowed", step.from(), step.to()).isTrue();
        }
        assertThat(history.get(history.size() - 1).to()).isEqualTo(last);
    }

    /** The statuses visited, in order. */
    public static List<JobStatus> path(List<TransitionRow> history) {
        return history.stream().map(TransitionRow::to).toList();
    }
}
