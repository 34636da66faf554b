package dev.genqueue.worker.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AdaptiveRateTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final AdaptiveRate rate = new AdaptiveRate(60, 2, 4, 100, Duration.ofSeconds(60));

    @Test
    void startsAtTheInitialRateAndHalvesOnEach429DownToTheFloor() {
        assertThat(rate.now(null, T0, null, null)).isEqualTo(60);
        assertThat(rate.halved(null)).isEqualTo(30);
        assertThat(rate.halved(30.0)).isEqualTo(15);
        assertThat(rate.halved(5.0)).isEqualTo(4);
    }

    @Test
    void growsByOneStepPerQuietWindowUpToTheCeiling() {
        Instant decreased = T0;
        assertThat(rate.now(30.0, T0.plusSeconds(59), null, decreased)).isEqualTo(30);
        assertThat(rate.now(30.0, T0.plusSeconds(60), null, decreased)).isEqualTo(32);
        assertThat(rate.increases(30.0, T0.plusSeconds(60), null, decreased)).isTrue();
        assertThat(rate.now(30.0, T0.plusSeconds(90), T0.plusSeconds(60), decreased)).isEqualTo(30);
        assertThat(rate.now(99.0, T0.plusSeconds(600), T0, null)).isEqualTo(100);
    }
}
