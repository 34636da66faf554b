package dev.genqueue.system.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.common.contract.Json;
import dev.genqueue.common.contract.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends the chaos load as clients would: requests spread evenly over a period, half through {@code POST
 * /v1/jobs} (retried on 5xx and connection errors, which a database restart causes: the key makes the retry
 * safe) and half onto the request topic (an idempotent producer that rides out a broker restart). Some
 * requests are sent twice at once, through one door or both, to prove intake idempotent under concurrency.
 */
final class LoadGenerator implements AutoCloseable {

    private static final Duration REST_GIVE_UP = Duration.ofMinutes(3);

    private final String apiBaseUrl;
    private final ChaosRequests requests;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final KafkaProducer<String, byte[]> producer;
    // unbounded: during a database restart every REST send waits in its retry loop, and a send of a request
    // that goes out twice waits for both copies
    private final ExecutorService senders = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "chaos-load");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger restRetries = new AtomicInteger();
    private final AtomicInteger kafkaResends = new AtomicInteger();
    private final AtomicInteger copies = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    // when the broker acknowledged each Kafka-door request (first copy), to measure intake delays
    private final Map<String, Long> kafkaAckedAt = new ConcurrentHashMap<>();
    // answers the REST door gave before a retry succeeded: "HTTP 503", "connection error", ...
    private final Map<String, Integer> restFailures = new ConcurrentHashMap<>();

    /** What the load sent. */
    record Report(int requests, int copiesSent, int restRetries, int kafkaResends, Map<String, Long> kafkaAckedAt,
            Map<String, Integer> restFailures, List<String> problems) {
    }

    LoadGenerator(String apiBaseUrl, String bootstrapServers, ChaosRequests requests) {
        this.apiBaseUrl = apiBaseUrl;
        this.requests = requests;
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // a broker restart takes seconds; the producer keeps retrying well past it
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "180000");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "180000");
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends requests {@code first .. first + count - 1} evenly over {@code over}; returns once all arrived. */
    Report run(int first, int count, Duration over) {
        long start = System.nanoTime();
        long spacing = over.toNanos() / Math.max(1, count);
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (int n = first; n < first + count; n++) {
            waitUntil(start + (n - first) * spacing);
            int index = n;
            sends.add(CompletableFuture.runAsync(() -> send(index), senders));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        producer.flush();
        return new Report(count, copies.get(), restRetries.get(), kafkaResends.get(), Map.copyOf(kafkaAckedAt),
                Map.copyOf(restFailures), List.copyOf(problems));
    }

    private void send(int n) {
        ObjectNode request = requests.request(n);
        int times = ChaosRequests.sentTwice(n) ? 2 : 1;
        copies.addAndGet(times - 1);
        if (ChaosRequests.door(n) == ChaosRequests.Door.KAFKA) {
            for (int i = 0; i < times; i++) {
                sendToKafka(request);
            }
            kafkaAckedAt.putIfAbsent(request.get("requestId").asText(), System.currentTimeMillis());
            return;
        }
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> post(n, request), senders));
        }
        if (ChaosRequests.sentThroughBothDoors(n)) {
            copies.incrementAndGet();
            sendToKafka(request);
        }
        List<String> jobIds = answers.stream().map(CompletableFuture::join).distinct().toList();
        if (jobIds.size() != 1) {
            problems.add(request.get("requestId").asText() + " sent twice at once became jobs " + jobIds);
        }
    }

    private void sendToKafka(ObjectNode request) {
        String key = request.get("requestId").asText();
        byte[] value = request.toString().getBytes(StandardCharsets.UTF_8);
        for (int attempt = 0; ; attempt++) {
            try {
                producer.send(new ProducerRecord<>(Topics.REQUESTS, key, value)).get(200, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                if (attempt >= 3) {
                    problems.add(key + " could not be sent to Kafka: " + e);
                    return;
                }
                kafkaResends.incrementAndGet();
            }
        }
    }

    /** Posts until the api-service accepts the request; answers the job id. */
    private String post(int n, ObjectNode request) {
        ObjectNode body = request.deepCopy();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(apiBaseUrl + "/v1/jobs"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (ChaosRequests.keyInHeader(n)) {
            builder.header("Idempotency-Key", body.remove("requestId").asText());
        }
        HttpRequest post = builder.POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        long deadline = System.nanoTime() + REST_GIVE_UP.toNanos();
        long pause = 200;
        while (true) {
            String failure;
            try {
                HttpResponse<String> response = http.send(post, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 || response.statusCode() == 202) {
                    return read(response.body()).path("jobId").asText();
                }
                failure = "HTTP " + response.statusCode() + ": " + response.body();
                restFailures.merge("HTTP " + response.statusCode()
                        + response.headers().firstValue("Retry-After").map(value -> " (Retry-After " + value + ")")
                        .orElse(""), 1, Integer::sum);
                if (response.statusCode() < 500) {
                    problems.add(request.get("requestId").asText() + " refused: " + failure);
                    return "refused";
                }
            } catch (IOException e) {
                failure = e.toString();
                restFailures.merge("connection error", 1, Integer::sum);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (System.nanoTime() > deadline) {
                problems.add(request.get("requestId").asText() + " never accepted; last answer " + failure);
                return "never accepted";
            }
            restRetries.incrementAndGet();
            sleep(pause);
            pause = Math.min(2000, pause * 2);
        }
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    private static void waitUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            sleep(TimeUnit.NANOSECONDS.toMillis(wait));
        }
    }

    // pacing a load generator, not waiting for an effect: a plain sleep is the right tool
    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        senders.shutdownNow();
        producer.close(Duration.ofSeconds(10));
    }
}
