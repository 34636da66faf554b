package dev.genqueue.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.util.Map;

/**
 * A real KRaft Kafka broker inside the test JVM, started once and shared by every test class (each Quarkus
 * boot costs enough already). Supplies {@code kafka.bootstrap.servers}.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedKafkaBroker broker;

    /** The running broker's bootstrap servers, starting it on first use. */
    public static synchronized String bootstrapServers() {
        if (broker == null) {
            broker = new EmbeddedKafkaBroker()
                    .withKafkaHost("127.0.0.1")
                    .withDeleteLogDirsOnClose(true)
                    .withAdditionalProperties(props -> {
                        // the default dedupe buffer pins 128 MB of test heap for a cleaner we never need
                        props.put("log.cleaner.dedupe.buffer.size", "8388608");
                        props.put("group.initial.rebalance.delay.ms", "0");
                        props.put("num.partitions", "3");
                        props.put("auto.create.topics.enable", "true");
                    })
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "embedded-kafka-stop"));
        }
        return broker.getAdvertisedListeners();
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // shared by the whole test JVM; stopped by the shutdown hook
    }
}
