package dev.genqueue.store.outbox;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Builds the relay's Kafka producer from the application's {@code kafka.*} connection settings (bootstrap
 * servers and security) plus {@code genqueue.outbox.producer.*}.
 */
@ApplicationScoped
class OutboxProducerFactory {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Map<String, Object> kafka;
    private final OutboxConfig config;

    OutboxProducerFactory(@Identifier("default-kafka-broker") Map<String, Object> kafka, OutboxConfig config) {
        this.kafka = kafka;
        this.config = config;
    }

    Producer<String, String> create() {
        return new KafkaProducer<>(settings(), new StringSerializer(), new StringSerializer());
    }

    /** The producer settings; the delivery guarantees are fixed here, not configurable. */
    Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        kafka.forEach((name, value) -> {
            if (isConnectionSetting(name)) {
                settings.put(name, value);
            }
        });
        OutboxConfig.Producer producer = config.producer();
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, producer.clientId() + "-" + INSTANCES.incrementAndGet());
        // the broker deduplicates the producer's own retries, so a retried send never doubles a record
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // a row is marked published only once every in-sync replica has it
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        // 5 is the most in-flight requests for which idempotence still keeps per-partition order
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        settings.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, (int) producer.linger().toMillis());
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, producer.compressionType());
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) producer.requestTimeout().toMillis());
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) producer.deliveryTimeout().toMillis());
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, producer.maxBlock().toMillis());
        return settings;
    }

    private static boolean isConnectionSetting(String name) {
        return name.equals(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) || name.equals("client.dns.lookup")
                || name.startsWith("security.") || name.startsWith("sasl.") || name.startsWith("ssl.");
    }
}
