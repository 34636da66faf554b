package dev.genqueue.worker.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void waitDoublesPerFailureUpToTheCap() {
        Backoff noJitter = new Backoff(SECOND, MINUTE, () -> 0.5);

        assertThat(noJitter.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(noJitter.after(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(noJitter.after(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(noJitter.after(7)).isEqualTo(MINUTE);
        assertThat(noJitter.after(1000)).isEqualTo(MINUTE);
    }

    @Test
    void jitterSpreadsByTwentyPercentButNeverPastTheCap() {
        assertThat(new Backoff(SECOND, MINUTE, () -> 0.0).after(2)).isEqualTo(Duration.ofMillis(1600));
        assertThat(new Backoff(SECOND, MINUTE, () -> 0.999999).after(2)).isEqualTo(Duration.ofMillis(2399));
        assertThat(new Backoff(SECOND, MINUTE, () -> 0.999999).after(7)).isEqualTo(MINUTE);
    }

    @Test
    void longerRetryAfterFromTheServerWins() {
        Backoff noJitter = new Backoff(SECOND, MINUTE, () -> 0.5);

        assertThat(noJitter.after(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(noJitter.after(3, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(4));
        assertThat(noJitter.after(1, null)).isEqualTo(SECOND);
    }
}
