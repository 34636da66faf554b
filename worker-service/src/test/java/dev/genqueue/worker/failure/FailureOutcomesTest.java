package dev.genqueue.worker.failure;

import static dev.genqueue.worker.support.KafkaTopics.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genqueue.apixo.simulator.fault.Endpoint;
import dev.genqueue.apixo.simulator.fault.FaultEffect;
import dev.genqueue.apixo.simulator.fault.FaultRule;
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
import dev.genqueue.worker.support.JobStoreQueries.TransitionRow;
import dev.genqueue.worker.support.KafkaTopics;
import dev.genqueue.worker.support.Requests;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "genqueue_worker_test"))
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(CallbackReceiverResource.class)
class FailureOutcomesTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Inject
    JobStoreQueries store;

    private final String tenant = "failures-" + UUID.randomUUID();

    @BeforeAll
    static void watchTopics() {
        KafkaTopics.startWatching();
    }

    @AfterEach
    void clearFaults() {
        SimulatorResource.simulator().control().clearFaults();
    }

    @Test
    void failedTaskEndsFailedWithItsFailCodeInTheResultEvent() throws Exception {
        JobRow job = run("nsfw", "nano-banana", "a forbidden picture #sim:fail=NSFW");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.failCode()).isEqualTo("NSFW");
        assertThat(job.failMsg()).isNotBlank();
        JobHistory.assertLegalPath(store.history(job.id()), JobStatus.FAILED);
        JsonNode event = resultEvent(job);
        assertThat(event.path("status").asText()).isEqualTo("failed");
        assertThat(event.path("failCode").asText()).isEqualTo("NSFW");
        assertThat(event.path("failMsg").asText()).isEqualTo(job.failMsg());
        assertThat(event.path("outputs")).isEmpty();
    }

    @Test
    void taskThatNeverFinishesTimesOutAfterTheMaxWaitWithAFinalCheck() throws Exception {
        JobRow job = run("forever", "nano-banana", "a picture that never comes #sim:never-finish");

        assertThat(job.status()).isEqualTo(JobStatus.TIMED_OUT);
        assertThat(job.failCode()).isEqualTo("TIMED_OUT");
        List<TransitionRow> history = store.history(job.id());
        JobHistory.assertLegalPath(history, JobStatus.TIMED_OUT);
        assertThat(JobHistory.path(history)).containsSubsequence(JobStatus.SUBMITTED, JobStatus.PROCESSING,
                JobStatus.TIMED_OUT);
        // 1.2 s of scaled max wait at 30 ms growing by half: several polls, the last one the final check
        assertThat(SimulatorResource.simulator().stats().tasks().get(job.taskId()).statusCalls()).isGreaterThan(3);
        assertThat(resultEvent(job).path("status").asText()).isEqualTo("timed_out");
    }

    @Test
    void slowTaskIsPolledOnItsScheduleThroughProcessing() {
        JobRow job = run("slow", "nano-banana", "a patient picture #sim:duration=400s");

        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(JobHistory.path(store.history(job.id()))).containsSubsequence(JobStatus.SUBMITTED,
                JobStatus.PROCESSING, JobStatus.DOWNLOADING, JobStatus.SUCCEEDED);
        assertThat(SimulatorResource.simulator().stats().tasks().get(job.taskId()).statusCalls()).isGreaterThan(2);
    }

    @Test
    void submitRefusedByApixoFailsTheJobWithoutATask() throws Exception {
        JobRow job = run("refused", "nano-banana", "a refused picture #sim:http=400");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.failCode()).isEqualTo("INVALID_REQUEST");
        assertThat(job.taskId()).isNull();
        assertThat(JobHistory.path(store.history(job.id()))).containsExactly(JobStatus.QUEUED, JobStatus.SUBMITTING,
                JobStatus.FAILED);
        assertThat(resultEvent(job).path("failCode").asText()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void transientSubmitErrorsQueueTheJobAgainUntilAccepted() {
        SimulatorResource.simulator().control().addFault(FaultRule.on(Endpoint.SUBMIT).forModel("grok-image").times(2)
                .respond(503));

        JobRow job = run("busy", "grok-image", "a picture on a busy day");

        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.attempts()).isEqualTo(3);
        List<TransitionRow> history = store.history(job.id());
        JobHistory.assertLegalPath(history, JobStatus.SUCCEEDED);
        assertThat(history).filteredOn(step -> step.to() == JobStatus.QUEUED && step.from() == JobStatus.SUBMITTING)
                .hasSize(2).allSatisfy(step -> assertThat(step.reason()).contains("HTTP 503"));
    }

    @Test
    void submitWhoseAnswerIsLostIsResubmittedAndTheWindowIsRecorded() {
        SimulatorResource.simulator().control().addFault(FaultRule.on(Endpoint.SUBMIT).forModel("seedream-4-5")
                .times(1).then(new FaultEffect.DropConnection(true)));
        long duplicatesBefore = SimulatorResource.simulator().stats().duplicateSubmits();

        JobRow job = run("lost", "seedream-4-5", "a picture whose receipt got lost");

        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.attempts()).isEqualTo(2);
        assertThat(store.history(job.id())).anySatisfy(step -> assertThat(step.reason())
                .contains("UNKNOWN_SUBMIT_OUTCOME (timeout)", "resubmitting"));
        // the first task was created and paid although its id never arrived: the documented window
        assertThat(SimulatorResource.simulator().stats().duplicateSubmits()).isEqualTo(duplicatesBefore + 1);
    }

    @Test
    void transientDownloadErrorsAreRetriedAndExpiredUrlsFailTheJob() {
        SimulatorResource.simulator().control().addFault(FaultRule.on(Endpoint.FILES).times(2).respond(503));
        JobRow retried = run("download-retry", "nano-banana", "a picture behind a flaky CDN");
        assertThat(retried.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(store.outputs(retried.id())).hasSize(1);

        SimulatorResource.simulator().control().addFault(FaultRule.on(Endpoint.FILES).respond(404));
        JobRow expired = run("download-expired", "nano-banana", "a picture that expired");
        assertThat(expired.status()).isEqualTo(JobStatus.FAILED);
        assertThat(expired.failCode()).isEqualTo("OUTPUT_EXPIRED");
        assertThat(store.outputs(expired.id())).isEmpty();
        JobHistory.assertLegalPath(store.history(expired.id()), JobStatus.FAILED);
    }

    private JobRow run(String requestId, String model, String prompt) {
        KafkaTopics.sendRequests(List.of(request(requestId, Requests.json(requestId, tenant, model, prompt))));
        return awaitTerminal(requestId);
    }

    private JobRow awaitTerminal(String requestId) {
        return await().atMost(WITHIN).until(() -> store.jobByRequest(tenant, requestId).orElse(null),
                job -> job != null && job.status().isTerminal());
    }

    private JsonNode resultEvent(JobRow job) throws Exception {
        assertThat(store.outboxPayloads(Topics.RESULTS, job.id().toString())).hasSize(1);
        await().atMost(WITHIN).until(() -> !KafkaTopics.resultsFor(job.id()).isEmpty());
        assertThat(KafkaTopics.resultsFor(job.id())).hasSize(1);
        return Json.mapper().readTree(KafkaTopics.resultsFor(job.id()).get(0).value());
    }
}
