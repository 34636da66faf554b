package dev.genqueue.api;

import dev.genqueue.testing.KafkaBrokerResource;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;

/**
 * Records everything published to a topic from the beginning, for the whole test JVM, so tests can count
 * the records of their own keys or event ids.
 */
public final class TopicRecorder {

    private static final Map<String, ConsumerTask<String, String>> RECORDERS = new ConcurrentHashMap<>();
    private static KafkaCompanion companion;

    private TopicRecorder() {
    }

    /** Records of {@code topic} seen so far, starting to record (from the earliest offset) on first use. */
    public static List<ConsumerRecord<String, String>> records(String topic) {
        return List.copyOf(RECORDERS.computeIfAbsent(topic, TopicRecorder::start).getRecords());
    }

    /** Records of {@code topic} with this key. */
    public static List<ConsumerRecord<String, String>> withKey(String topic, String key) {
        return records(topic).stream().filter(r -> key.equals(r.key())).toList();
    }

    /** The value of a header as text, or {@code null}. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Creates a topic with the given partitions unless it exists. */
    public static void createTopic(String topic, int partitions) {
        try {
            if (!companion().topics().list().contains(topic)) {
                companion().topics().createAndWait(topic, partitions);
            }
        } catch (RuntimeException e) {
            if (!(rootCause(e) instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static ConsumerTask<String, String> start(String topic) {
        createTopic(topic, 3);
        return companion().consumeStrings()
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(topic);
    }

    private static synchronized KafkaCompanion companion() {
        if (companion == null) {
            companion = new KafkaCompanion(KafkaBrokerResource.bootstrapServers());
        }
        return companion;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
