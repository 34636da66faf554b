package dev.genqueue.worker.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final AtomicLong clock = new AtomicLong();
    private final List<BreakerState> transitions = new ArrayList<>();
    private final CircuitBreaker breaker = new CircuitBreaker(10, 4, 0.5, Duration.ofSeconds(10),
            Duration.ofSeconds(30), clock::get, transitions::add);

    @Test
    void staysClosedWhileMostCallsSucceed() {
        for (int i = 0; i < 50; i++) {
            breaker.record(i % 3 == 1);
        }
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.permits(100)).isEqualTo(100);
    }

    @Test
    void opensOnSustainedFailuresAndLetsOneProbeThroughAfterTheDelay() {
        failTimes(4);
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.permits(100)).isZero();

        advance(Duration.ofSeconds(10));
        assertThat(breaker.permits(100)).isEqualTo(1);
        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(breaker.permits(100)).isZero();

        breaker.record(false);
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(transitions).containsExactly(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.CLOSED);
    }

    @Test
    void aFailedProbeReopensForTwiceTheDelayCapped() {
        failTimes(4);
        advance(Duration.ofSeconds(10));
        breaker.permits(1);
        breaker.record(true);
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);

        advance(Duration.ofSeconds(19));
        assertThat(breaker.permits(1)).isZero();
        advance(Duration.ofSeconds(1));
        assertThat(breaker.permits(1)).isEqualTo(1);
        breaker.record(true);
        advance(Duration.ofSeconds(30));
        assertThat(breaker.permits(1)).isEqualTo(1);
    }

    @Test
    void anUnusedProbePermitIsGivenBack() {
        failTimes(4);
        advance(Duration.ofSeconds(10));
        assertThat(breaker.permits(5)).isEqualTo(1);
        breaker.unused(1);
        assertThat(breaker.permits(5)).isEqualTo(1);
    }

    @Test
    void callsStartedBeforeTheBreakerOpenedChangeNothing() {
        failTimes(4);
        breaker.record(false);
        breaker.record(false);
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }

    private void failTimes(int n) {
        for (int i = 0; i < n; i++) {
            breaker.record(true);
        }
    }

    private void advance(Duration by) {
        clock.addAndGet(by.toNanos());
    }
}
