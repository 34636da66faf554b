package dev.genqueue.api.job.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genqueue.api.Db;
import dev.genqueue.api.Requests;
import dev.genqueue.api.TopicRecorder;
import dev.genqueue.common.contract.Topics;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConcurrentSubmissionTest {

    private static final int CLIENTS = 20;

    @TestHTTPResource("/v1/jobs")
    URI jobs;

    @Inject
    Db db;

    @Inject
    ObjectMapper mapper;

    @Test
    void twentyIdenticalConcurrentSubmissionsCreateExactlyOneJob() throws Exception {
        String key = Requests.newKey();
        String body = Requests.valid("a crowd of identical umbrellas");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        List<HttpResponse<String>> responses = new ArrayList<>();
        try {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                calls.add(threads.submit(() -> {
                    start.await();
                    return client.send(HttpRequest.newBuilder(jobs)
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", key)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(), HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            for (Future<HttpResponse<String>> call : calls) {
                responses.add(call.get());
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200, 202)
                .filteredOn(status -> status == 202).hasSize(1);
        List<String> jobIds = new ArrayList<>();
        for (HttpResponse<String> response : responses) {
            JsonNode json = mapper.readTree(response.body());
            jobIds.add(json.path("jobId").asText());
        }
        assertThat(jobIds).hasSize(CLIENTS).containsOnly(jobIds.get(0));
        assertThat(db.number("SELECT count(*) FROM job WHERE request_id = ?", key)).isEqualTo(1);
        assertThat(db.number("SELECT count(*) FROM outbox WHERE record_key = ?", key)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> !TopicRecorder.withKey(Topics.REQUESTS, key).isEmpty()
                && db.number("SELECT count(*) FROM outbox WHERE record_key = ? AND published_at IS NULL", key) == 0);
        assertThat(TopicRecorder.withKey(Topics.REQUESTS, key)).hasSize(1);
    }
}
