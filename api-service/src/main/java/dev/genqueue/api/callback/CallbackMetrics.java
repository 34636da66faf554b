package dev.genqueue.api.callback;

import dev.genqueue.store.callback.CallbackOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;

/** Counts webhook deliveries by outcome ({@code genqueue_callbacks_total{outcome=…}}). */
@ApplicationScoped
class CallbackMetrics {

    private final Map<CallbackOutcome, Counter> counters = new EnumMap<>(CallbackOutcome.class);

    CallbackMetrics(MeterRegistry registry) {
        // registered up front: every outcome shows (as 0) before it first happens
        for (CallbackOutcome outcome : CallbackOutcome.values()) {
            counters.put(outcome, Counter.builder("genqueue.callbacks")
                    .description("APIXO callbacks received, by outcome")
                    .tag("outcome", outcome.wireName())
                    .register(registry));
        }
    }

    void count(CallbackOutcome outcome) {
        counters.get(outcome).increment();
    }
}
