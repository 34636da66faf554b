package dev.genqueue.store.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Meters of the outbox relay: backlog, throughput, failures and how long events wait to be published. */
@ApplicationScoped
public class OutboxMetrics {

    private final MeterRegistry registry;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final Counter failures;
    private final Counter setAside;
    private final Counter deleted;
    private final Timer lag;

    OutboxMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("genqueue.outbox.pending", pending);
        registry.gauge("genqueue.outbox.set.aside", parked);
        this.failures = Counter.builder("genqueue.outbox.publish.failures")
                .description("Relay passes that could not reach Kafka for some claimed rows")
                .register(registry);
        this.setAside = Counter.builder("genqueue.outbox.refused")
                .description("Sends Kafka refused; the row is set aside and retried later")
                .register(registry);
        this.deleted = Counter.builder("genqueue.outbox.deleted")
                .description("Published rows deleted after the retention period")
                .register(registry);
        this.lag = Timer.builder("genqueue.outbox.publish.latency")
                .description("Time from writing an outbox row to its acknowledgement by Kafka")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    void backlog(OutboxRows.Backlog backlog) {
        pending.set(backlog.pending());
        parked.set(backlog.setAside());
    }

    void published(String topic, int rows) {
        Counter.builder("genqueue.outbox.published")
                .description("Outbox rows published and acknowledged")
                .tag("topic", topic)
                .register(registry)
                .increment(rows);
    }

    void lags(List<Double> seconds) {
        for (double s : seconds) {
            lag.record(Duration.ofNanos((long) (s * 1_000_000_000L)));
        }
    }

    void failure() {
        failures.increment();
    }

    void setAside(int rows) {
        setAside.increment(rows);
    }

    void deleted(int rows) {
        deleted.increment(rows);
    }
}
