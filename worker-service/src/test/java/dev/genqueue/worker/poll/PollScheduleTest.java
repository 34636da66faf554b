package dev.genqueue.worker.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genqueue.common.catalogue.PollProfile;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollScheduleTest {

    private final PollSchedule realTime = new PollSchedule(1.0);

    @Test
    void firstPollAndMaxWaitFollowTheProfile() {
        assertThat(realTime.firstPoll(PollProfile.IMAGE_FAST)).isEqualTo(Duration.ofSeconds(5));
        assertThat(realTime.maxWait(PollProfile.IMAGE_FAST)).isEqualTo(Duration.ofMinutes(2));
        assertThat(realTime.firstPoll(PollProfile.VIDEO)).isEqualTo(Duration.ofSeconds(60));
        assertThat(realTime.maxWait(PollProfile.AUDIO)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void intervalGrowsByHalfAfterEachUnfinishedPollUpToThirtySeconds() {
        assertThat(realTime.afterPoll(PollProfile.IMAGE_FAST, 1)).isEqualTo(Duration.ofSeconds(3));
        assertThat(realTime.afterPoll(PollProfile.IMAGE_FAST, 2)).isEqualTo(Duration.ofMillis(4500));
        assertThat(realTime.afterPoll(PollProfile.IMAGE_FAST, 3)).isEqualTo(Duration.ofMillis(6750));
        assertThat(realTime.afterPoll(PollProfile.VIDEO, 3)).isEqualTo(Duration.ofMillis(30000));
        assertThat(realTime.afterPoll(PollProfile.VIDEO, 50)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void timeScaleShrinksEveryDurationIncludingTheCap() {
        PollSchedule fast = new PollSchedule(0.01);

        assertThat(fast.firstPoll(PollProfile.IMAGE_FAST)).isEqualTo(Duration.ofMillis(50));
        assertThat(fast.afterPoll(PollProfile.IMAGE_FAST, 1)).isEqualTo(Duration.ofMillis(30));
        assertThat(fast.afterPoll(PollProfile.VIDEO, 20)).isEqualTo(Duration.ofMillis(300));
        assertThat(fast.maxWait(PollProfile.IMAGE_FAST)).isEqualTo(Duration.ofMillis(1200));
    }

    @Test
    void nextPollNeverLandsAfterTheDeadline() {
        assertThat(realTime.nextPoll(PollProfile.VIDEO, 1, Duration.ofSeconds(4))).isEqualTo(Duration.ofSeconds(4));
        assertThat(realTime.nextPoll(PollProfile.VIDEO, 1, Duration.ofMinutes(4))).isEqualTo(Duration.ofSeconds(15));
        assertThat(realTime.nextPoll(PollProfile.VIDEO, 1, Duration.ofSeconds(-3))).isEqualTo(Duration.ZERO);
    }

    @Test
    void unknownModelsGetTheMostPatientProfile() {
        assertThat(PollSchedule.profileOf("nano-banana")).isEqualTo(PollProfile.IMAGE_FAST);
        assertThat(PollSchedule.profileOf("suno")).isEqualTo(PollProfile.AUDIO);
        assertThat(PollSchedule.profileOf("no-such-model")).isEqualTo(PollProfile.VIDEO);
    }

    @Test
    void nonPositiveTimeScaleIsRefused() {
        assertThatThrownBy(() -> new PollSchedule(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PollSchedule(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
