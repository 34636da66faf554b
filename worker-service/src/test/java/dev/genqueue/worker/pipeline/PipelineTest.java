package dev.genqueue.worker.pipeline;

import static dev.genqueue.worker.support.KafkaTopics.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genqueue.common.contract.Json;
import dev.genqueue.common.contract.Topics;
import dev.genqueue.common.job.JobStatus;
import dev.genqueue.testing.KafkaBrokerResource;
import dev.genqueue.testing.PostgresResource;
import dev.genqueue.testing.SimulatorResource;
import dev.genqueue.worker.support.CallbackReceiverResource;
import dev.genqueue.worker.support.JobHistory;
import dev.genqueue.worker.support.JobStoreQueries;
import dev.genqueue.worker.support.JobStoreQueries.JobRow;
import dev.genqueue.worker.support.JobStoreQueries.OutputRow;
import dev.genqueue.worker.support.KafkaTopics;
import dev.genqueue.worker.support.Requests;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "genqueue_worker_test"))
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(CallbackReceiverResource.class)
class PipelineTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    JobStoreQueries store;

    @BeforeAll
    static void watchTopics() {
        KafkaTopics.startWatching();
    }

    @Test
    void imageVideoAndAudioRequestsOnTheTopicSucceedWithVerifiedOutputsAndOneResultEvent() throws Exception {
        String tenant = "pipeline-" + UUID.randomUUID();
        Map<String, Integer> models = Map.of("nano-banana", 1, "wan-2-5", 1, "suno", 4);
        KafkaTopics.sendRequests(models.keySet().stream()
                .map(model -> request(model, Requests.json(model, tenant, model, "a lighthouse at dusk, " + model)))
                .toList());

        for (Map.Entry<String, Integer> model : models.entrySet()) {
            JobRow job = awaitTerminal(tenant, model.getKey());
            assertThat(job.status()).as(model.getKey()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(job.taskId()).isNotBlank();
            assertThat(job.attempts()).isEqualTo(1);
            assertThat(job.delivery()).isEqualTo("POLLING");

            List<OutputRow> outputs = store.outputs(job.id());
            assertThat(outputs).hasSize(model.getValue());
            for (OutputRow output : outputs) {
                byte[] served = HTTP.send(HttpRequest.newBuilder(URI.create(output.originalUrl())).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body();
                byte[] stored = Files.readAllBytes(Path.of(URI.create(output.location())));
                assertThat(output.sha256()).isEqualTo(sha256(served)).isEqualTo(sha256(stored));
                assertThat(output.sizeBytes()).isEqualTo(served.length);
                assertThat(output.contentType()).isNotBlank();
            }

            JobHistory.assertLegalPath(store.history(job.id()), JobStatus.SUCCEEDED);
            assertThat(JobHistory.path(store.history(job.id()))).contains(JobStatus.SUBMITTING, JobStatus.SUBMITTED,
                    JobStatus.DOWNLOADING);

            assertThat(store.outboxPayloads(Topics.RESULTS, job.id().toString())).hasSize(1);
            await().atMost(WITHIN).until(() -> !KafkaTopics.resultsFor(job.id()).isEmpty());
            List<ConsumerRecord<String, String>> events = KafkaTopics.resultsFor(job.id());
            assertThat(events).hasSize(1);
            JsonNode event = Json.mapper().readTree(events.get(0).value());
            assertThat(event.path("status").asText()).isEqualTo("succeeded");
            assertThat(event.path("requestId").asText()).isEqualTo(model.getKey());
            assertThat(event.path("apixoTaskId").asText()).isEqualTo(job.taskId());
            assertThat(event.path("outputs")).hasSize(model.getValue());
            assertThat(event.path("outputs").get(0).path("sha256").asText()).isEqualTo(outputs.get(0).sha256());
            assertThat(KafkaTopics.header(events.get(0), Topics.HEADER_EVENT_ID)).isEqualTo(event.path("eventId").asText());
        }
    }

    @Test
    void theSameRequestSentTwiceIsOneJob() {
        String tenant = "dedupe-" + UUID.randomUUID();
        String body = Requests.json("same-key", tenant, "nano-banana", "one job only");
        KafkaTopics.sendRequests(List.of(request("same-key", body), request("same-key", body)));
        JobRow job = awaitTerminal(tenant, "same-key");

        KafkaTopics.sendRequests(List.of(request("same-key", body)));

        await().atMost(WITHIN).until(() -> !KafkaTopics.resultsFor(job.id()).isEmpty());
        assertThat(store.jobCount(tenant)).isEqualTo(1);
        assertThat(store.deadLetterCount("same-key")).isZero();
        assertThat(store.outboxPayloads(Topics.RESULTS, job.id().toString())).hasSize(1);
        assertThat(KafkaTopics.resultsFor(job.id())).hasSize(1);
    }

    private JobRow awaitTerminal(String tenant, String requestId) {
        return await().atMost(WITHIN).until(() -> store.jobByRequest(tenant, requestId).orElse(null),
                job -> job != null && job.status().isTerminal());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
