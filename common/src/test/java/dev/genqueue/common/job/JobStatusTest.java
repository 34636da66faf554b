package dev.genqueue.common.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobStatusTest {

    @Test
    void happyPathIsAllowed() {
        assertThat(JobStatus.QUEUED.canTransitionTo(JobStatus.SUBMITTING)).isTrue();
        assertThat(JobStatus.SUBMITTING.canTransitionTo(JobStatus.SUBMITTED)).isTrue();
        assertThat(JobStatus.SUBMITTED.canTransitionTo(JobStatus.PROCESSING)).isTrue();
        assertThat(JobStatus.PROCESSING.canTransitionTo(JobStatus.DOWNLOADING)).isTrue();
        assertThat(JobStatus.DOWNLOADING.canTransitionTo(JobStatus.SUCCEEDED)).isTrue();
    }

    @Test
    void aTaskSeenFinishedOnTheFirstPollSkipsProcessing() {
        assertThat(JobStatus.SUBMITTED.canTransitionTo(JobStatus.DOWNLOADING)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = {"SUCCEEDED", "FAILED", "TIMED_OUT"})
    void terminalStatesAllowNothing(JobStatus terminal) {
        assertThat(terminal.isTerminal()).isTrue();
        assertThat(terminal.allowedNext()).isEmpty();
        for (JobStatus next : JobStatus.values()) {
            assertThat(terminal.canTransitionTo(next)).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void noStateTransitionsToItself(JobStatus status) {
        assertThat(status.canTransitionTo(status)).isFalse();
    }

    @Test
    void outputsAreStoredBeforeSuccess() {
        EnumSet<JobStatus> reachSucceeded = EnumSet.noneOf(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            if (status.canTransitionTo(JobStatus.SUCCEEDED)) {
                reachSucceeded.add(status);
            }
        }
        assertThat(reachSucceeded).containsExactly(JobStatus.DOWNLOADING);
    }

    @Test
    void onlyAwaitingStatesTimeOut() {
        for (JobStatus status : JobStatus.values()) {
            assertThat(status.canTransitionTo(JobStatus.TIMED_OUT)).isEqualTo(status.isAwaitingApixo());
        }
    }

    @Test
    void aHeldSubmissionIsNeverSubmittedWithoutGoingBackToTheQueue() {
        assertThat(JobStatus.HELD.allowedNext()).containsExactlyInAnyOrder(JobStatus.QUEUED, JobStatus.FAILED);
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void wireNameRoundTrips(JobStatus status) {
        assertThat(JobStatus.fromWire(status.wireName())).isEqualTo(status);
        assertThat(status.wireName()).isLowerCase();
    }
}
