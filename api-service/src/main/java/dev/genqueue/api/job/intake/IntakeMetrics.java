package dev.genqueue.api.job.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Counts REST intake by outcome ({@code genqueue.intake.requests{door="rest",outcome=…}}). */
@ApplicationScoped
class IntakeMetrics {

    private final Counter created;
    private final Counter duplicate;
    private final Counter conflict;
    private final Counter invalid;

    IntakeMetrics(MeterRegistry registry) {
        // registered once: the hot path only increments
        this.created = counter(registry, "created");
        this.duplicate = counter(registry, "duplicate");
        this.conflict = counter(registry, "conflict");
        this.invalid = counter(registry, "invalid");
    }

    void created() {
        created.increment();
    }

    void duplicate() {
        duplicate.increment();
    }

    void conflict() {
        conflict.increment();
    }

    void invalid() {
        invalid.increment();
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("genqueue.intake.requests")
                .description("Generation requests received, by door and outcome")
                .tag("door", "rest")
                .tag("outcome", outcome)
                .register(registry);
    }
}
