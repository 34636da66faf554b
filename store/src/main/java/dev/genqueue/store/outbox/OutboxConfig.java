package dev.genqueue.store.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the outbox relay that publishes committed outbox rows to Kafka. */
@ConfigMapping(prefix = "genqueue.outbox")
public interface OutboxConfig {

    /** Whether this application runs a relay; every replica may, they share the work safely. */
    @WithDefault("true")
    boolean enabled();

    /** Most rows claimed, sent and marked in one database transaction. */
    @WithDefault("500")
    int batchSize();

    /** Pause between relay passes when the last batch was not full (commits in this JVM wake it earlier). */
    @WithDefault("500ms")
    Duration interval();

    /** First pause after a failed pass (broker unreachable, database error); doubles per failure. */
    @WithDefault("500ms")
    Duration initialBackoff();

    /** Longest pause between retries after repeated failures. */
    @WithDefault("30s")
    Duration maxBackoff();

    /** How long published rows are kept before the cleanup deletes them. */
    @WithDefault("168h")
    Duration retention();

    /** How often published rows past the retention are deleted. */
    @WithDefault("1h")
    Duration cleanupInterval();

    /** Rows deleted per cleanup statement, so no cleanup holds locks for long. */
    @WithDefault("5000")
    int cleanupBatchSize();

    /** How often the pending-rows gauge is refreshed from the database. */
    @WithDefault("10s")
    Duration pendingRefresh();

    /** How long shutdown waits for the batch in flight before the producer is closed. */
    @WithDefault("10s")
    Duration shutdownTimeout();

    /** Kafka producer settings of the relay; idempotence and acks=all are fixed, not configurable. */
    Producer producer();

    /** Tunable settings of the relay's Kafka producer. */
    interface Producer {

        /** Client id prefix, so brokers and metrics can tell relays apart. */
        @WithDefault("genqueue-outbox-relay")
        String clientId();

        /** Producer {@code linger.ms}: small, the relay already sends whole batches. */
        @WithDefault("5ms")
        Duration linger();

        /** Producer {@code compression.type}. */
        @WithDefault("none")
        String compressionType();

        /** Producer {@code request.timeout.ms}. */
        @WithDefault("10s")
        Duration requestTimeout();

        /** Producer {@code delivery.timeout.ms}: bound on one record's retries; the relay waits this long for acks. */
        @WithDefault("30s")
        Duration deliveryTimeout();

        /** Producer {@code max.block.ms}: how long a send may block on metadata while the broker is unreachable. */
        @WithDefault("5s")
        Duration maxBlock();
    }
}
