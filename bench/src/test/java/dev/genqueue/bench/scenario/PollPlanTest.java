package dev.genqueue.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genqueue.common.catalogue.PollProfile;
import org.junit.jupiter.api.Test;

class PollPlanTest {

    @Test
    void aTaskFinishedBeforeTheFirstQueryNeedsOneQuery() {
        PollPlan plan = PollPlan.of(PollProfile.IMAGE_FAST, 1.0, 0, 4_000);

        assertThat(plan.polls()).isEqualTo(1);
        assertThat(plan.lastPollAt()).isEqualTo(5_000);
        assertThat(plan.delayAfter(4_000)).isEqualTo(1_000);
    }

    @Test
    void queriesFollowTheGrowingIntervalUntilTheTaskIsFinished() {
        // image fast: 5 s, then +3 s, +4.5 s, +6.75 s -> queries at 5, 8, 12.5, 19.25 s
        PollPlan plan = PollPlan.of(PollProfile.IMAGE_FAST, 1.0, 0, 12_600);

        assertThat(plan.polls()).isEqualTo(4);
        assertThat(plan.lastPollAt()).isEqualTo(19_250);
    }

    @Test
    void theScaleShrinksEveryWait() {
        PollPlan plan = PollPlan.of(PollProfile.IMAGE_FAST, 0.1, 1_000, 2_260);

        assertThat(plan.polls()).isEqualTo(4);
        assertThat(plan.lastPollAt()).isEqualTo(1_000 + 1_925);
    }

    @Test
    void theMaxWaitEndsTheSchedule() {
        // a task that never finishes: the last query is the final check at the max wait (2 min)
        PollPlan plan = PollPlan.of(PollProfile.IMAGE_FAST, 1.0, 0, Long.MAX_VALUE);

        assertThat(plan.lastPollAt()).isEqualTo(120_000);
    }
}
