package dev.genqueue.api.deadletter;

import dev.genqueue.store.deadletter.DeadLetterCount;
import dev.genqueue.store.deadletter.DeadLetterKind;
import dev.genqueue.store.deadletter.DeadLetterQueries;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Gauges of the dead letters in the database, by kind and state
 * ({@code genqueue_dead_letters{kind, state=pending|redriven}}), refreshed on a timer so a scrape never
 * queries the database. Every replica reports the same, shared numbers.
 */
@ApplicationScoped
class DeadLetterMetrics {

    private static final Logger LOG = Logger.getLogger(DeadLetterMetrics.class);

    private final MeterRegistry registry;
    private final DeadLetterQueries queries;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    DeadLetterMetrics(MeterRegistry registry, DeadLetterQueries queries) {
        this.registry = registry;
        this.queries = queries;
    }

    void start(@Observes StartupEvent event) {
        for (DeadLetterKind kind : DeadLetterKind.values()) {
            gauge(kind.wireName(), false);
            gauge(kind.wireName(), true);
        }
    }

    /** Reads the counts; the interval is {@link DeadLetterConfig#metricsRefresh()}. */
    @Scheduled(every = "${genqueue.dead-letter.metrics-refresh}", concurrentExecution = ConcurrentExecution.SKIP)
    void refresh() {
        try {
            Set<String> seen = new HashSet<>();
            for (DeadLetterCount count : queries.counts()) {
                gauge(count.kind(), count.redriven()).set(count.count());
                seen.add(key(count.kind(), count.redriven()));
            }
            gauges.forEach((key, value) -> {
                if (!seen.contains(key)) {
                    value.set(0);
                }
            });
        } catch (RuntimeException e) {
            // the gauges keep their last values; the next refresh tries again
            LOG.debugf(e, "Dead-letter gauges not refreshed");
        }
    }

    private AtomicLong gauge(String kind, boolean redriven) {
        return gauges.computeIfAbsent(key(kind, redriven), k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("genqueue.dead.letters", value, AtomicLong::get)
                    .description("Dead letters in the database, by kind and whether they were redriven")
                    .tag("kind", kind)
                    .tag("state", redriven ? "redriven" : "pending")
                    .register(registry);
            return value;
        });
    }

    private static String key(String kind, boolean redriven) {
        return kind + (redriven ? "/redriven" : "/pending");
    }
}
