package dev.genqueue.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void percentilesUseTheNearestRank() {
        Percentiles values = Percentiles.of(List.of(5L, 1L, 4L, 2L, 3L, 6L, 7L, 8L, 9L, 10L));

        assertThat(values.at(50)).isEqualTo(5);
        assertThat(values.at(99)).isEqualTo(10);
        assertThat(values.at(10)).isEqualTo(1);
    }

    @Test
    void anEmptySampleIsZero() {
        assertThat(Percentiles.of(List.of()).at(99)).isZero();
    }
}
