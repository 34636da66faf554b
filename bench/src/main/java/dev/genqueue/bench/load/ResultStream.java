package dev.genqueue.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genqueue.common.contract.Json;
import dev.genqueue.common.contract.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consuming team reading {@link Topics#RESULTS} from the moment the harness starts: every result event is
 * recorded with the time it arrived, per tenant, first copy only (delivery is at-least-once).
 */
public final class ResultStream implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Map<String, Received>> byTenant = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private long duplicates;

    /** An event as it arrived: its job, outcome, and the arrival time (epoch ms). */
    public record Received(String jobId, String requestId, String model, String status, long receivedAtMillis) {
    }

    public ResultStream(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "genqueue-bench-results");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.RESULTS, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(Topics.RESULTS, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // resolve the end offsets now, so nothing published from here on is missed
        partitions.forEach(consumer::position);
        thread = new Thread(this::run, "bench-results");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running.get()) {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.currentTimeMillis();
                for (ConsumerRecord<String, byte[]> record : records) {
                    record(record.value(), now);
                }
                if (!records.isEmpty()) {
                    synchronized (this) {
                        notifyAll();
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void record(byte[] value, long now) {
        try {
            JsonNode event = Json.mapper().readTree(value);
            String tenant = event.path("tenantId").asText();
            Received received = new Received(event.path("jobId").asText(), event.path("requestId").asText(),
                    event.path("model").asText(), event.path("status").asText(), now);
            if (byTenant.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>())
                    .putIfAbsent(received.requestId(), received) != null) {
                synchronized (this) {
                    duplicates++;
                }
            }
        } catch (IOException e) {
            System.err.println("unreadable result event: " + e.getMessage());
        }
    }

    /** Events of a tenant so far, by request id. */
    public Map<String, Received> of(String tenant) {
        return Map.copyOf(byTenant.getOrDefault(tenant, Map.of()));
    }

    public int count(String tenant) {
        return byTenant.getOrDefault(tenant, Map.of()).size();
    }

    /** Waits until {@code count} events of the tenant arrived or {@code timeout} passed; answers whether they did. */
    public boolean await(String tenant, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (count(tenant) < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(Math.max(1, Math.min(500, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** Repeated events dropped so far (at-least-once delivery). */
    public synchronized long duplicates() {
        return duplicates;
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
