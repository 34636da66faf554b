package dev.genqueue.store.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka in every application that includes the store. Rows are claimed
 * with {@code FOR UPDATE SKIP LOCKED}, so any number of replicas relay side by side; delivery is
 * at-least-once with a stable event id per row.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final OutboxConfig config;
    private final DataSource dataSource;
    private final OutboxRows rows;
    private final OutboxMetrics metrics;
    private final OutboxProducerFactory producers;
    private Producer<String, String> producer;
    private volatile RelayLoop loop;

    OutboxRelay(OutboxConfig config, DataSource dataSource, ObjectMapper mapper, OutboxMetrics metrics,
            OutboxProducerFactory producers) {
        this.config = config;
        this.dataSource = dataSource;
        this.rows = new OutboxRows(mapper);
        this.metrics = metrics;
        this.producers = producers;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            start();
        } else {
            LOG.info("Outbox relay disabled (genqueue.outbox.enabled=false); outbox rows wait for another replica");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts relaying; does nothing when already running. */
    public synchronized void start() {
        if (loop != null) {
            return;
        }
        producer = producers.create();
        OutboxPublisher publisher = new OutboxPublisher(dataSource, rows, producer, metrics, config);
        OutboxMaintenance maintenance = new OutboxMaintenance(dataSource, rows, metrics, config.retention(),
                config.cleanupBatchSize());
        loop = new RelayLoop(config, publisher, maintenance, metrics);
        loop.start();
        LOG.debugf("Outbox relay started (batch %d, interval %s)", config.batchSize(), config.interval());
    }

    /**
     * Stops relaying: the batch in flight finishes within the shutdown timeout, then the producer is closed.
     * Rows not yet marked stay in the outbox for the next start or another replica.
     */
    public synchronized void stop() {
        if (loop == null) {
            return;
        }
        if (!loop.stop(config.shutdownTimeout())) {
            LOG.warnf("Outbox relay did not finish its batch within %s; its rows will be sent again",
                    config.shutdownTimeout());
        }
        producer.close(PRODUCER_CLOSE_TIMEOUT);
        loop = null;
        producer = null;
    }

    /** Whether this application is relaying right now. */
    public boolean isRunning() {
        return loop != null;
    }

    /** Hint that outbox rows were just committed: publish them now rather than at the next interval. */
    public void wakeUp() {
        RelayLoop current = loop;
        if (current != null) {
            current.wakeUp();
        }
    }
}
