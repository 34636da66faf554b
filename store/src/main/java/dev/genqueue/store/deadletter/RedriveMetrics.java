package dev.genqueue.store.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Counts redrives by kind and outcome ({@code genqueue_dead_letter_redrives_total{kind,outcome}}). */
@ApplicationScoped
class RedriveMetrics {

    private final MeterRegistry registry;

    RedriveMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(List<RedriveResult> results) {
        for (RedriveResult result : results) {
            Counter.builder("genqueue.dead.letter.redrives")
                    .description("Dead letters redriven, by kind and outcome")
                    .tag("kind", result.kind() == null ? "unknown" : result.kind().wireName())
                    .tag("outcome", result.outcome().wireName())
                    .register(registry)
                    .increment();
        }
    }
}
