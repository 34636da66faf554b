package dev.genqueue.worker.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GcraTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void spacingPacesSlightlyUnderThePlan() {
        assertThat(Gcra.spacing(60, Duration.ofSeconds(60), 1.0)).isEqualTo(SECOND);
        assertThat(Gcra.spacing(60, Duration.ofSeconds(60), 0.95)).isEqualTo(Duration.ofNanos(1_052_632_000));
        assertThatThrownBy(() -> Gcra.spacing(0, SECOND, 0.9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gcra.spacing(10, SECOND, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIdleLedgerGrantsSlotsFromNowOneSpacingApartUpToTheLookahead() {
        Gcra.Slots slots = Gcra.reserve(T0.minusSeconds(3600), T0, 10, SECOND, Duration.ofMillis(2500));

        assertThat(slots.count()).isEqualTo(3);
        assertThat(slots.delays(3)).containsExactly(Duration.ZERO, SECOND, Duration.ofSeconds(2));
        assertThat(slots.tatAfter(2)).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void slotsStartAtTheTheoreticalArrivalTimeAndNoneAreGrantedBeyondTheLookahead() {
        assertThat(Gcra.reserve(T0.plusMillis(500), T0, 5, SECOND, SECOND).delays(2))
                .containsExactly(Duration.ofMillis(500), Duration.ofMillis(1500));
        assertThat(Gcra.reserve(T0.plusSeconds(2), T0, 5, SECOND, SECOND).count()).isZero();
        assertThat(Gcra.reserve(T0, T0, 0, SECOND, SECOND).count()).isZero();
    }

    @Test
    void noWindowEverHoldsMoreThanThePlanWhateverTheArrivalPattern() {
        Duration window = Duration.ofSeconds(10);
        Duration spacing = Gcra.spacing(60, window, 0.95);
        Random random = new Random(7);
        Instant tat = T0;
        Instant now = T0;
        List<Instant> granted = new ArrayList<>();
        while (granted.size() < 2000) {
            now = now.plusMillis(random.nextInt(400));
            Gcra.Slots slots = Gcra.reserve(tat, now, 1 + random.nextInt(8), spacing, Duration.ofSeconds(1));
            for (Duration delay : slots.delays(slots.count())) {
                granted.add(now.plus(delay));
            }
            if (slots.count() > 0) {
                tat = slots.tatAfter(slots.count());
            }
        }
        for (int i = 0; i + 60 < granted.size(); i++) {
            // the 61st request after any request lies a full window (plus the headroom's slack) later
            assertThat(Duration.between(granted.get(i), granted.get(i + 60))).isGreaterThan(window);
        }
    }
}
