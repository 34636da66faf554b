package dev.genqueue.worker.support;

import dev.genqueue.common.contract.Topics;
import dev.genqueue.testing.KafkaBrokerResource;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;

/**
 * The test side of Kafka: produces request records (text or raw bytes) and watches the result, dead-letter
 * and ops topics from their beginning for the whole test JVM, so each test filters by its own keys.
 */
public final class KafkaTopics {

    private static KafkaCompanion companion;
    private static ConsumerTask<String, String> results;
    private static ConsumerTask<String, String> deadLetters;
    private static ConsumerTask<String, String> ops;

    private KafkaTopics() {
    }

    /** Sends request values (UTF-8 text) with their keys; waits for the broker's acknowledgement. */
    public static void sendRequests(List<ProducerRecord<String, String>> records) {
        List<ProducerRecord<String, byte[]>> raw = records.stream()
                .map(r -> new ProducerRecord<>(r.topic(), r.key(), r.value() == null ? null
                        : r.value().getBytes(StandardCharsets.UTF_8)))
                .toList();
        sendRaw(raw);
    }

    /** Sends records with arbitrary value bytes; waits for the broker's acknowledgement. */
    public static void sendRaw(List<ProducerRecord<String, byte[]>> records) {
        companion().produce(byte[].class).fromRecords(records).awaitCompletion();
    }

    /**
     * Sends records with arbitrary key, value and header bytes; waits for the broker's acknowledgement and
     * answers where the records were written (not necessarily in their order).
     */
    public static List<RecordMetadata> sendBytes(List<ProducerRecord<byte[], byte[]>> records) {
        return companion().produce(byte[].class, byte[].class).fromRecords(records).awaitCompletion()
                .getRecords();
    }

    /** A request record on the request topic. */
    public static ProducerRecord<String, String> request(String key, String value) {
        return new ProducerRecord<>(Topics.REQUESTS, key, value);
    }

    /** Result events published so far for one job. */
    public static List<ConsumerRecord<String, String>> resultsFor(UUID jobId) {
        return watch().stream().filter(record -> jobId.toString().equals(record.key())).toList();
    }

    /** Dead-letter copies published so far with this original key. */
    public static List<ConsumerRecord<String, String>> deadLettersFor(String key) {
        return watchDeadLetters().stream().filter(record -> key.equals(record.key())).toList();
    }

    /** Ops events published so far (watched from the beginning of the topic). */
    public static List<ConsumerRecord<String, String>> opsEvents() {
        return watchOps();
    }

    /** A header value as text, or {@code null}. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Starts watching the topics now, so nothing published later is missed. */
    public static void startWatching() {
        watch();
        watchDeadLetters();
        watchOps();
    }

    private static synchronized List<ConsumerRecord<String, String>> watch() {
        if (results == null) {
            results = companion().consumeStrings().withGroupId("test-results-" + UUID.randomUUID())
                    .withOffsetReset(OffsetResetStrategy.EARLIEST).fromTopics(Topics.RESULTS);
        }
        return results.getRecords();
    }

    private static synchronized List<ConsumerRecord<String, String>> watchDeadLetters() {
        if (deadLetters == null) {
            deadLetters = companion().consumeStrings().withGroupId("test-dlq-" + UUID.randomUUID())
                    .withOffsetReset(OffsetResetStrategy.EARLIEST).fromTopics(Topics.REQUESTS_DLQ);
        }
        return deadLetters.getRecords();
    }

    private static synchronized List<ConsumerRecord<String, String>> watchOps() {
        if (ops == null) {
            ops = companion().consumeStrings().withGroupId("test-ops-" + UUID.randomUUID())
                    .withOffsetReset(OffsetResetStrategy.EARLIEST).fromTopics(Topics.OPS);
        }
        return ops.getRecords();
    }

    private static synchronized KafkaCompanion companion() {
        if (companion == null) {
            companion = new KafkaCompanion(KafkaBrokerResource.bootstrapServers());
        }
        return companion;
    }
}
