package dev.genqueue.worker.intake;

import static dev.genqueue.testing.HostileBodies.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genqueue.common.contract.Topics;
import dev.genqueue.testing.HostileBodies;
import dev.genqueue.testing.KafkaBrokerResource;
import dev.genqueue.testing.PostgresResource;
import dev.genqueue.testing.SimulatorResource;
import dev.genqueue.worker.support.CallbackReceiverResource;
import dev.genqueue.worker.support.JobStoreQueries;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Fuzz of the Kafka door on the real broker and PostgreSQL: at least ten thousand generated hostile records
 * (bodies of every {@link HostileBodies.Kind}, and valid bodies under hostile keys, headers or none at all)
 * interleaved with valid requests. Every valid request must become a job, every hostile record a dead letter
 * with a reason, the group's lag must return to 0 and liveness must answer UP the whole time.
 * Sizes and seed: {@code -Dgenqueue.fuzz.records=100000 -Dgenqueue.fuzz.seed=42}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "genqueue_worker_test"))
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(CallbackReceiverResource.class)
class KafkaDoorFuzzTest {

    private static final int HOSTILE = Integer.getInteger("genqueue.fuzz.records", 10_000);
    private static final long SEED = Long.getLong("genqueue.fuzz.seed", System.nanoTime());
    private static final int VALID_EVERY = 20;
    private static final Duration WITHIN = Duration.ofSeconds(240);
    private static final String GROUP = "genqueue-worker";

    @Inject
    JobStoreQueries store;

    @TestHTTPResource("/q/health/live")
    URL live;

    @Test
    void everyHostileRecordIsADeadLetterAndEveryValidOneAJobWhileLivenessStaysUp() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String tenant = "fuzz-" + run;
        HostileBodies bodies = new HostileBodies(SEED, tenant);
        Random random = bodies.random();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        int valid = 0;
        for (int i = 0; i < HOSTILE; i++) {
            if (i % VALID_EVERY == 0) {
                records.add(record(utf8(run + "-valid-" + valid), utf8(bodies.valid("valid-" + valid)), List.of()));
                kinds.add(null);
                valid++;
            }
            String requestId = "hostile-" + i;
            if (random.nextInt(4) == 0) {
                Envelope envelope = envelope(random, run + "-h-" + i);
                byte[] value = envelope.kind.equals("tombstone") ? null : utf8(bodies.valid(requestId));
                records.add(record(envelope.key, value, envelope.headers));
                kinds.add(envelope.kind);
            } else {
                HostileBodies.Body body = bodies.next(requestId);
                records.add(record(utf8(run + "-h-" + i), body.bytes(), List.of()));
                kinds.add(body.kind().name().toLowerCase());
            }
        }
        Liveness liveness = new Liveness(URI.create(live.toString()));
        long started = System.nanoTime();

        List<RecordMetadata> written;
        try {
            written = send(records);
            List<Integer> hostilePartitions = new ArrayList<>();
            List<Long> hostileOffsets = new ArrayList<>();
            for (int i = 0; i < written.size(); i++) {
                if (kinds.get(i) != null) {
                    hostilePartitions.add(written.get(i).partition());
                    hostileOffsets.add(written.get(i).offset());
                }
            }
            int expectedValid = valid;
            await().atMost(WITHIN).pollInterval(Duration.ofMillis(200)).until(() -> store.jobCount(tenant)
                    == expectedValid && deadLetters(hostilePartitions, hostileOffsets) == HOSTILE
                    && KafkaBrokerResource.consumerLag(GROUP, Topics.REQUESTS) == 0);
            assertThat(deadLettersWithReason(hostilePartitions, hostileOffsets)).isEqualTo(HOSTILE);
        } finally {
            liveness.stop();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(store.jobCount(tenant)).isEqualTo(valid);
        assertThat(KafkaBrokerResource.consumerLag(GROUP, Topics.REQUESTS)).isZero();
        assertThat(liveness.down.get()).as("liveness answers other than UP").isZero();
        assertThat(liveness.probes.get()).isPositive();
        Map<String, Long> byKind = new TreeMap<>(kinds.stream().filter(kind -> kind != null)
                .collect(Collectors.groupingBy(kind -> kind, Collectors.counting())));
        System.out.printf("Kafka door fuzz (seed %d): %d hostile records -> %d dead letters with a reason; %d valid"
                        + " requests -> %d jobs; consumer lag 0; liveness UP in %d of %d probes; %d ms%n  by kind: %s%n",
                SEED, HOSTILE, HOSTILE, valid, store.jobCount(tenant), liveness.probes.get() - liveness.down.get(),
                liveness.probes.get(), millis, byKind);
    }

    private record Envelope(String kind, byte[] key, List<org.apache.kafka.common.header.Header> headers) {
    }

    // a valid value under a key, headers or a missing value that no door may accept
    private static Envelope envelope(Random random, String key) {
        byte[] plain = utf8(key);
        return switch (random.nextInt(7)) {
            case 0 -> new Envelope("key_nul", utf8(key + "\u0000" + random.nextInt(100)), List.of());
            case 1 -> new Envelope("key_invalid_utf8", concat(plain, new byte[] {(byte) 0xC3, 0x28}), List.of());
            case 2 -> new Envelope("key_oversized", utf8(key + "k".repeat(1025 + random.nextInt(64_000))), List.of());
            case 3 -> new Envelope("header_invalid_utf8", plain, List.of(header("trace", new byte[] {(byte) 0xFF})));
            case 4 -> new Envelope("header_control_character", plain,
                    List.of(header("x-" + (char) random.nextInt(32), utf8("v"))));
            case 5 -> {
                List<org.apache.kafka.common.header.Header> many = new ArrayList<>();
                int count = random.nextBoolean() ? 33 + random.nextInt(40) : 1;
                for (int i = 0; i < count; i++) {
                    many.add(header("h" + i, count == 1 ? new byte[4097 + random.nextInt(10_000)] : utf8("v")));
                }
                yield new Envelope(count == 1 ? "header_oversized" : "header_too_many", plain, many);
            }
            default -> new Envelope("tombstone", plain, List.of());
        };
    }

    private static org.apache.kafka.common.header.Header header(String name, byte[] value) {
        return new org.apache.kafka.common.header.internals.RecordHeader(name, value);
    }

    private static ProducerRecord<byte[], byte[]> record(byte[] key, byte[] value,
            List<org.apache.kafka.common.header.Header> headers) {
        return new ProducerRecord<>(Topics.REQUESTS, null, key, value, headers);
    }

    private static List<RecordMetadata> send(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024, ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            for (ProducerRecord<byte[], byte[]> record : records) {
                sent.add(producer.send(record));
            }
            producer.flush();
            List<RecordMetadata> written = new ArrayList<>(sent.size());
            for (Future<RecordMetadata> future : sent) {
                written.add(future.get(30, TimeUnit.SECONDS));
            }
            return written;
        }
    }

    private long deadLetters(List<Integer> partitions, List<Long> offsets) {
        return store.value("SELECT count(*) FROM dead_letter d JOIN unnest(?::integer[], ?::bigint[]) AS h(p, o)"
                + " ON d.source_partition = h.p AND d.source_offset = h.o WHERE d.source_topic = '"
                + Topics.REQUESTS + "'", Long.class, partitions.toArray(Integer[]::new),
                offsets.toArray(Long[]::new));
    }

    private long deadLettersWithReason(List<Integer> partitions, List<Long> offsets) {
        return store.value("SELECT count(*) FROM dead_letter d JOIN unnest(?::integer[], ?::bigint[]) AS h(p, o)"
                + " ON d.source_partition = h.p AND d.source_offset = h.o WHERE d.source_topic = '"
                + Topics.REQUESTS + "' AND length(d.reason) > 0 AND d.kind = 'intake'", Long.class,
                partitions.toArray(Integer[]::new), offsets.toArray(Long[]::new));
    }


    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Asks /q/health/live every 100 ms until stopped, counting every answer that is not 200. */
    private static final class Liveness {

        final AtomicInteger probes = new AtomicInteger();
        final AtomicInteger down = new AtomicInteger();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        Liveness(URI uri) {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
            timer.scheduleWithFixedDelay(() -> {
                probes.incrementAndGet();
                try {
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        down.incrementAndGet();
                    }
                } catch (Exception e) {
                    down.incrementAndGet();
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
        }

        void stop() throws InterruptedException {
            timer.shutdownNow();
            timer.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
