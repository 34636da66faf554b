package dev.genqueue.system.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genqueue.common.contract.Json;
import dev.genqueue.common.contract.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A result consumer as a consuming team would write it: reads {@code genqueue.results.v1} from the beginning,
 * handles each event once through {@link ProcessedEvents}, and counts what it saw per job: raw deliveries,
 * distinct event ids, and events handled after the dedupe.
 */
final class ResultEvents {

    /** What arrived for one job. */
    record PerJob(int raw, Set<UUID> eventIds, int handled, Set<String> statuses) {
    }

    private ResultEvents() {
    }

    /** The tenant's events by job id, deduplicated into {@code processed_event} of the consumer's database. */
    static Map<UUID, PerJob> consume(String bootstrapServers, String tenantId, String consumerJdbcUrl, String user,
            String password) {
        Map<UUID, PerJob> perJob = new HashMap<>();
        try (Connection c = DriverManager.getConnection(consumerJdbcUrl, user, password)) {
            ProcessedEvents.createTable(c);
            c.setAutoCommit(false);
            for (ConsumerRecord<String, byte[]> record : readAll(bootstrapServers)) {
                JsonNode event = Json.mapper().readTree(new String(record.value(), StandardCharsets.UTF_8));
                if (!tenantId.equals(event.path("tenantId").asText())) {
                    continue;
                }
                UUID eventId = UUID.fromString(header(record, Topics.HEADER_EVENT_ID));
                if (!eventId.toString().equals(event.path("eventId").asText())) {
                    throw new IllegalStateException("header and payload event ids differ: " + record);
                }
                UUID jobId = UUID.fromString(event.path("jobId").asText());
                PerJob seen = perJob.getOrDefault(jobId, new PerJob(0, new HashSet<>(), 0, new HashSet<>()));
                // the consumer's own effect would go here, in the same transaction as the dedupe record
                boolean first = ProcessedEvents.firstTime(c, eventId);
                c.commit();
                seen.eventIds().add(eventId);
                seen.statuses().add(event.path("status").asText());
                perJob.put(jobId, new PerJob(seen.raw() + 1, seen.eventIds(), seen.handled() + (first ? 1 : 0),
                        seen.statuses()));
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("consuming result events failed", e);
        }
        return perJob;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null) {
            throw new IllegalStateException("result event without " + name + " header at offset " + record.offset());
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RESULTS, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(Topics.RESULTS, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + Topics.RESULTS + " to its end");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
