package dev.genqueue.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genqueue.stack.process.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The broker JVM built from {@code target/kafka-libs}: it serves clients and keeps its data across restarts. */
class KafkaBrokerIT {

    private static final String TOPIC = "stack.broker.it";
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        int[] ports = Ports.free(2);
        Path dir = Path.of("target/kafka-broker-it").toAbsolutePath();
        broker = new KafkaBroker(new KafkaBroker.Settings(Path.of("target/kafka-libs").toAbsolutePath(),
                dir.resolve("data"), dir.resolve("kafka.log"), ports[0], ports[1], 3, "256m"));
        broker.wipeData();
        broker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.stop();
        assertThat(broker.isRunning()).isFalse();
    }

    @Test
    void recordsAndCommittedOffsetsSurviveAGracefulRestartAndAKill() throws Exception {
        broker.ensureTopics(Map.of(TOPIC, 2));
        send("first");
        assertThat(consume("group-a", 1)).containsExactly("first");

        broker.restart();
        send("second");
        assertThat(consume("group-a", 1)).as("the committed offset survived the restart").containsExactly("second");

        broker.kill();
        assertThat(broker.isRunning()).isFalse();
        broker.start();
        assertThat(consume("group-b", 2)).as("both records survived the kill").containsExactlyInAnyOrder("first", "second");
    }

    private static void send(String value) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, value, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> consume(String group, int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            consumer.commitSync();
        }
        return values;
    }
}
