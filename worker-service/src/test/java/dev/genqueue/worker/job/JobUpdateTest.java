package dev.genqueue.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genqueue.common.job.JobStatus;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobUpdateTest {

    private static final UUID JOB = UUID.randomUUID();

    @Test
    void updateIsFencedByIdVersionAndStatus() {
        JobUpdate update = JobUpdate.of(JOB, 4, JobStatus.QUEUED, 0, null, 0)
                .moveTo(JobStatus.SUBMITTING, "submit attempt 1").attempts(1);

        assertThat(update.sql()).isEqualTo("UPDATE job SET version = version + 1, updated_at = now(), status = ?,"
                + " attempts = ? WHERE id = ? AND version = ? AND status = ?");
        assertThat(update.from()).isEqualTo(JobStatus.QUEUED);
        assertThat(update.to()).isEqualTo(JobStatus.SUBMITTING);
        assertThat(update.changesStatus()).isTrue();
        assertThat(update.attempt()).isEqualTo(1);
        assertThat(update.expectedVersion()).isEqualTo(4);
    }

    @Test
    void timesAreRelativeToTheDatabaseClock() {
        JobUpdate update = JobUpdate.of(JOB, 1, JobStatus.SUBMITTED, 1, "t", 0)
                .set("polls", 1).release(Duration.ofSeconds(3));

        assertThat(update.sql()).contains("next_run_at = now() + ? * interval '1 millisecond'", "lease_owner = NULL");
        assertThat(update.changesStatus()).isFalse();
    }

    @Test
    void updatesSettingTheSameColumnsShareOneStatement() {
        JobUpdate first = JobUpdate.of(UUID.randomUUID(), 1, JobStatus.SUBMITTED, 1, "a", 0).set("polls", 1)
                .release(Duration.ofSeconds(1));
        JobUpdate second = JobUpdate.of(UUID.randomUUID(), 9, JobStatus.SUBMITTED, 2, "b", 3).set("polls", 7)
                .release(Duration.ofSeconds(9));

        assertThat(first.sql()).isEqualTo(second.sql());
    }

    @Test
    void illegalTransitionIsRefusedBeforeAnythingIsWritten() {
        JobUpdate update = JobUpdate.of(JOB, 1, JobStatus.QUEUED, 0, null, 0);

        assertThatThrownBy(() -> update.moveTo(JobStatus.SUCCEEDED, "skip ahead"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("QUEUED -> SUCCEEDED");
        assertThatThrownBy(() -> JobUpdate.of(JOB, 1, JobStatus.SUCCEEDED, 1, "t", 0).moveTo(JobStatus.QUEUED, "again"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void taskIdAndAttemptAreRecordedForTheTransition() {
        JobUpdate update = JobUpdate.of(JOB, 2, JobStatus.SUBMITTING, 1, null, 2)
                .moveTo(JobStatus.SUBMITTED, null).taskId("task_9").transientFailures(0);

        assertThat(update.taskId()).isEqualTo("task_9");
        assertThat(update.attempt()).isEqualTo(1);
        assertThat(update.transientFailures()).isZero();
    }
}
