package dev.genqueue.bench.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final Metrics METRICS = Metrics.parse("""
            # HELP genqueue_worker_poll_lateness_seconds Claim time minus due time
            # TYPE genqueue_worker_poll_lateness_seconds summary
            genqueue_worker_poll_lateness_seconds_count{status="processing"} 120.0
            genqueue_worker_poll_lateness_seconds_count{status="submitted"} 30.0
            genqueue_worker_poll_lateness_seconds_count{status="queued"} 500.0
            genqueue_worker_poll_lateness_seconds_max{status="processing"} 0.75
            genqueue_worker_poll_lateness_seconds_max{status="submitted"} 1.5
            genqueue_worker_jobs_claimed_total 650.0
            """);

    @Test
    void sumsTheSeriesOfANameWithTheGivenLabels() {
        assertThat(METRICS.sum("genqueue_worker_poll_lateness_seconds_count")).isEqualTo(650.0);
        assertThat(METRICS.sum("genqueue_worker_poll_lateness_seconds_count", "status=\"processing\"")).isEqualTo(120.0);
        assertThat(METRICS.sum("genqueue_worker_jobs_claimed_total")).isEqualTo(650.0);
    }

    @Test
    void aNameDoesNotMatchLongerNames() {
        assertThat(METRICS.sum("genqueue_worker_poll_lateness_seconds")).isZero();
    }

    @Test
    void maxIsTheLargestMatchingValue() {
        assertThat(METRICS.max("genqueue_worker_poll_lateness_seconds_max")).isEqualTo(1.5);
    }
}
