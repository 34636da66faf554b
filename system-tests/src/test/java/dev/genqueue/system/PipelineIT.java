package dev.genqueue.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.common.contract.Topics;
import dev.genqueue.common.job.JobStatus;
import dev.genqueue.stack.GenqueueStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The backbone end to end on separate processes: 100 requests through REST and 100 straight onto the request
 * topic, over image, video and audio models, all become stored results announced once each.
 */
@ExtendWith(SystemStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineIT {

    private static final int PER_DOOR = 100;

    private final Requests requests = new Requests("pipeline-" + UUID.randomUUID().toString().substring(0, 8));
    private final HttpClient downloads = HttpClient.newHttpClient();
    private GenqueueStack stack;
    private JobsApi api;
    private KafkaTopics kafka;
    private JobRecords records;
    private final List<ObjectNode> sent = new ArrayList<>();
    private final Map<String, UUID> restJobIds = new HashMap<>();
    private Map<String, JobRecords.JobRow> jobs;

    @BeforeAll
    void runTwoHundredJobs() {
        stack = SystemStack.stack();
        api = new JobsApi(stack.api().baseUrl());
        kafka = new KafkaTopics(stack.kafka().bootstrapServers());
        records = new JobRecords(stack);
        for (int n = 0; n < PER_DOOR; n++) {
            ObjectNode rest = requests.valid("rest", n);
            HttpResponse<String> accepted = api.submit(rest);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            restJobIds.put(rest.get("requestId").asText(), JobsApi.jobId(accepted));
            ObjectNode viaKafka = requests.valid("kafka", n);
            kafka.send(Topics.REQUESTS, null, viaKafka.get("requestId").asText(),
                    viaKafka.toString().getBytes(StandardCharsets.UTF_8));
            sent.add(rest);
            sent.add(viaKafka);
        }
        await("all " + 2 * PER_DOOR + " jobs terminal").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Map<String, JobRecords.JobRow> now = records.jobsOf(requests.tenantId());
                    return now.size() == 2 * PER_DOOR && now.values().stream().allMatch(j -> j.status().isTerminal());
                });
        jobs = records.jobsOf(requests.tenantId());
    }

    @AfterAll
    void close() {
        kafka.close();
    }

    @Test
    void everyRequestFromEitherDoorBecameOneSucceededJob() {
        assertThat(jobs).hasSize(2 * PER_DOOR);
        assertThat(jobs.keySet()).containsExactlyInAnyOrderElementsOf(
                sent.stream().map(r -> r.get("requestId").asText()).toList());
        restJobIds.forEach((requestId, jobId) -> assertThat(jobs.get(requestId).id()).isEqualTo(jobId));
        for (JobRecords.JobRow job : jobs.values()) {
            JsonNode view = api.job(job.id());
            assertThat(view.path("status").asText()).as("job %s (%s)", job.id(), view).isEqualTo("succeeded");
            assertThat(view.path("apixoTaskId").asText()).isNotBlank();
            assertThat(view.path("outputs")).isNotEmpty();
        }
    }

    @Test
    void storedOutputsHoldExactlyTheBytesTheSimulatorServed() throws Exception {
        int outputs = 0;
        for (JobRecords.JobRow job : jobs.values()) {
            for (JsonNode output : api.job(job.id()).path("outputs")) {
                byte[] served = downloads.send(HttpRequest.newBuilder(URI.create(output.path("originalUrl").asText()))
                        .build(), HttpResponse.BodyHandlers.ofByteArray()).body();
                byte[] stored = Files.readAllBytes(storedFile(output.path("location").asText()));
                assertThat(sha256(stored)).as("stored file of job %s", job.id())
                        .isEqualTo(sha256(served))
                        .isEqualTo(output.path("sha256").asText());
                assertThat(output.path("sizeBytes").asLong()).isEqualTo(stored.length);
                outputs++;
            }
        }
        assertThat(outputs).isGreaterThanOrEqualTo(2 * PER_DOOR);
    }

    @Test
    void eachJobIsAnnouncedByExactlyOneResultEvent() {
        await("a result event for every job").atMost(Duration.ofSeconds(60)).until(() -> eventsByJob().size() == jobs.size());
        Map<String, List<JsonNode>> events = eventsByJob();
        for (JobRecords.JobRow job : jobs.values()) {
            List<JsonNode> forJob = events.get(job.id().toString());
            assertThat(forJob).as("events of job %s", job.id()).hasSize(1);
            JsonNode event = forJob.get(0);
            assertThat(event.path("status").asText()).isEqualTo("succeeded");
            assertThat(event.path("requestId").asText()).isEqualTo(job.requestId());
            assertThat(event.path("outputs")).isNotEmpty();
        }
    }

    @Test
    void everyHistoryIsALegalPathFromQueuedToATerminalState() {
        Map<UUID, List<JobRecords.Transition>> histories = records.historiesOf(requests.tenantId());
        assertThat(histories).hasSize(jobs.size());
        histories.forEach((jobId, history) -> {
            assertThat(history.get(0)).as("creation of %s", jobId)
                    .isEqualTo(new JobRecords.Transition(null, JobStatus.QUEUED));
            for (int i = 1; i < history.size(); i++) {
                JobStatus previous = history.get(i - 1).to();
                JobRecords.Transition step = history.get(i);
                assertThat(step.from()).as("step %d of %s starts where the last ended", i, jobId).isEqualTo(previous);
                assertThat(previous.canTransitionTo(step.to())).as("%s -> %s of %s", previous, step.to(), jobId)
                        .isTrue();
            }
            assertThat(history.get(history.size() - 1).to()).isEqualTo(JobStatus.SUCCEEDED);
        });
    }

    @Test
    void sendingTwentyRequestsAgainThroughEitherDoorCreatesNoJob() {
        for (int n = 0; n < 10; n++) {
            ObjectNode rest = requests.valid("rest", n);
            HttpResponse<String> repeated = api.submit(rest);
            assertThat(repeated.statusCode()).as(repeated.body()).isEqualTo(200);
            assertThat(JobsApi.jobId(repeated)).isEqualTo(restJobIds.get(rest.get("requestId").asText()));
            ObjectNode viaKafka = requests.valid("kafka", n);
            kafka.send(Topics.REQUESTS, null, viaKafka.get("requestId").asText(),
                    viaKafka.toString().getBytes(StandardCharsets.UTF_8));
        }
        await("the worker consumed the repeats").atMost(Duration.ofSeconds(60))
                .until(() -> kafka.consumedToEnd(Topics.REQUESTS));
        assertThat(records.jobsOf(requests.tenantId())).hasSize(2 * PER_DOOR);
    }

    private Map<String, List<JsonNode>> eventsByJob() {
        List<ConsumerRecord<String, byte[]>> all = kafka.readAll(Topics.RESULTS);
        return all.stream()
                .map(record -> JobsApi.read(new String(record.value(), StandardCharsets.UTF_8)))
                .filter(event -> requests.tenantId().equals(event.path("tenantId").asText()))
                .collect(Collectors.groupingBy(event -> event.path("jobId").asText()));
    }

    // the worker records a URI of its storage; a bare path is taken as it is
    private static Path storedFile(String location) {
        return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
