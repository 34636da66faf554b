package dev.genqueue.worker.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.apixo.simulator.SimulatorStats.TaskStats;
import dev.genqueue.common.catalogue.PollProfile;
import dev.genqueue.common.contract.Json;
import dev.genqueue.common.job.JobStatus;
import dev.genqueue.store.callback.CallbackPaths;
import dev.genqueue.store.callback.CallbackTokens;
import dev.genqueue.testing.KafkaBrokerResource;
import dev.genqueue.testing.PostgresResource;
import dev.genqueue.testing.SimulatorResource;
import dev.genqueue.worker.support.CallbackReceiver;
import dev.genqueue.worker.support.CallbackReceiverResource;
import dev.genqueue.worker.support.JobStoreQueries;
import dev.genqueue.worker.support.JobStoreQueries.JobRow;
import dev.genqueue.worker.support.JobStoreQueries.TransitionRow;
import dev.genqueue.worker.support.Jobs;
import dev.genqueue.worker.support.KafkaTopics;
import dev.genqueue.worker.support.Outcomes;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Callback-mode jobs against the simulator's real webhooks, recorded by the store's callback writer as the
 * api-service does: each scenario ends with one terminal state, one result event, and no file fetched from a
 * URL a status query did not confirm.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "genqueue_worker_test"))
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(CallbackReceiverResource.class)
class CallbackDeliveryTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final double TIME_SCALE = 0.01;

    @Inject
    JobStoreQueries store;

    @Inject
    MeterRegistry registry;

    private final String tenant = "callbacks-" + UUID.randomUUID();

    @BeforeAll
    static void watchTopics() {
        KafkaTopics.startWatching();
    }

    @Test
    void callbackCompletesTheJobAfterOneConfirmingStatusQuery() throws Exception {
        UUID id = Jobs.send(store, tenant, "normal", "nano-banana", "a lighthouse, call me back", "callback");

        JsonNode event = Outcomes.endedOnce(store, id, JobStatus.SUCCEEDED);

        JobRow job = store.job(id);
        assertThat(job.delivery()).isEqualTo("CALLBACK");
        assertThat(job.callbackReceivedAt()).isNotNull();
        TaskStats task = task(job);
        assertThat(task.callbackAcks()).isEqualTo(1);
        assertThat(task.statusCalls()).isEqualTo(1);
        Outcomes.outputsFromApixoOnly(store, id);
        assertThat(event.path("costUsd").decimalValue()).isEqualByComparingTo("0.03");
        String url = CallbackReceiver.issuedUrl(id);
        assertThat(url).startsWith(CallbackReceiver.baseUrl() + CallbackPaths.PREFIX + "/" + id + "/");
        String token = url.substring(url.lastIndexOf('/') + 1);
        String stored = store.value("SELECT callback_token_hash FROM job WHERE id = ?", String.class, id);
        assertThat(stored).isEqualTo(CallbackTokens.hash(token)).doesNotContain(token);
    }

    @Test
    void aCallbackDeliveredThreeTimesCompletesTheJobOnce() throws Exception {
        UUID id = Jobs.send(store, tenant, "dup", "nano-banana", "an echo #sim:callback=dup:3", "callback");

        Outcomes.endedOnce(store, id, JobStatus.SUCCEEDED);

        TaskStats task = await().atMost(Duration.ofSeconds(10))
                .until(() -> task(store.job(id)), stats -> stats.callbackAttempts() == 3);
        assertThat(task.statusCalls()).isEqualTo(1);
        Outcomes.outputsFromApixoOnly(store, id);
    }

    @Test
    void aCallbackThatOvertakesTheSubmitAnswerMakesTheJobDueAsSoonAsTheTaskIdIsRecorded() throws Exception {
        // the task takes 1 ms but its submit answer 1 s: the callback arrives while the job is still SUBMITTING
        UUID id = Jobs.send(store, tenant, "early", "wan-2-5", "a quick wave #sim:duration=1s #sim:delay=1s",
                "callback");

        Outcomes.endedOnce(store, id, JobStatus.SUCCEEDED);

        JobRow job = store.job(id);
        assertThat(job.callbackReceivedAt()).isBefore(job.submittedAt());
        assertThat(task(job).statusCalls()).isEqualTo(1);
        // the safety poll would have come 3 s after the submit
        assertThat(Duration.between(job.submittedAt(), job.finishedAt())).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void aCallbackForAJobSubmittedByAnotherReplicaIsProcessedHere() throws Exception {
        UUID id = UUID.randomUUID();
        String token = CallbackTokens.newToken();
        String taskId = submitDirectly("a job of another replica #sim:duration=300s",
                CallbackPaths.forJob(CallbackReceiver.baseUrl(), id, token));
        plantSubmitted(id, taskId, CallbackTokens.hash(token));

        Outcomes.endedOnce(store, id, JobStatus.SUCCEEDED);

        JobRow job = store.job(id);
        // its next status query was an hour away: only the callback made it due
        assertThat(task(job).statusCalls()).isEqualTo(1);
        assertThat(store.history(id)).last().satisfies(step -> assertThat(step.to()).isEqualTo(JobStatus.SUCCEEDED));
        Outcomes.outputsFromApixoOnly(store, id);
    }

    @Test
    void aForgedCallbackWithAWrongTokenChangesNothing() throws Exception {
        UUID id = Jobs.send(store, tenant, "wrong-token", "wan-2-5", "a guarded picture #sim:duration=800s",
                "callback");
        JobRow submitted = Outcomes.awaitJob(store, id, job -> job.taskId() != null
                && job.status() == JobStatus.SUBMITTED);
        int evilBefore = CallbackReceiver.evilRequests();

        int status = postCallback(CallbackPaths.forJob(CallbackReceiver.baseUrl(), id, CallbackTokens.newToken()),
                forgedSuccess(submitted.taskId()));

        assertThat(status).isEqualTo(200);
        JobRow after = store.job(id);
        assertThat(after.callbackReceivedAt()).isNull();
        assertThat(after.nextRunAt()).isEqualTo(submitted.nextRunAt());
        Outcomes.endedOnce(store, id, JobStatus.SUCCEEDED);
        Outcomes.outputsFromApixoOnly(store, id);
        assertThat(CallbackReceiver.evilRequests()).isEqualTo(evilBefore);
    }

    @Test
    void aForgedSuccessWithAValidTokenIsContradictedByTheStatusQueryAndItsUrlsAreNeverFetched() throws Exception {
        UUID id = Jobs.send(store, tenant, "forged", "wan-2-5", "a picture worth forging #sim:duration=1000s",
                "callback");
        JobRow submitted = Outcomes.awaitJob(store, id, job -> job.taskId() != null
                && job.status() == JobStatus.SUBMITTED);
        int evilBefore = CallbackReceiver.evilRequests();

        postCallback(CallbackReceiver.issuedUrl(id), forgedSuccess(submitted.taskId()));

        // the hint made the job due at once; the status query said "processing", so nothing was downloaded
        await().atMost(Duration.ofSeconds(5)).until(() -> task(store.job(id)).statusCalls() >= 1);
        JsonNode event = Outcomes.endedOnce(store, id, JobStatus.SUCCEEDED);
        Outcomes.outputsFromApixoOnly(store, id);
        assertThat(event.path("outputs").get(0).path("originalUrl").asText()).doesNotContain("/evil/");
        assertThat(CallbackReceiver.evilRequests()).isEqualTo(evilBefore);
        assertThat(task(store.job(id)).statusCalls()).isEqualTo(2);
    }

    @Test
    void aCallbackEndpointThatIsDownForTwoAttemptsGetsTheThirdDelivery() throws Exception {
        UUID id = Jobs.send(store, tenant, "endpoint-down", "wan-2-5",
                "a patient wave #sim:duration=1s #sim:callback=delay:500s", "callback");
        CallbackReceiver.failNext(id, 2);

        Outcomes.endedOnce(store, id, JobStatus.SUCCEEDED);

        JobRow job = store.job(id);
        TaskStats task = task(job);
        assertThat(CallbackReceiver.deliveries(id)).isEqualTo(3);
        assertThat(task.callbackAttempts()).isEqualTo(3);
        assertThat(task.callbackAcks()).isEqualTo(1);
        assertThat(task.statusCalls()).isEqualTo(1);
        assertThat(Duration.between(job.submittedAt(), job.finishedAt())).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void aCallbackThatNeverComesIsCoveredByTheSafetyPollWithinOnePollInterval() throws Exception {
        UUID id = Jobs.send(store, tenant, "dropped", "nano-banana", "a silent picture #sim:callback=drop "
                + "#sim:duration=200s", "callback");

        Outcomes.endedOnce(store, id, JobStatus.SUCCEEDED);

        JobRow job = store.job(id);
        assertThat(job.callbackReceivedAt()).isNull();
        TaskStats task = task(job);
        assertThat(task.callbackAttempts()).isZero();
        int polls = (int) task.statusCalls();
        assertThat(polls).isGreaterThan(1);
        Instant completed = Instant.ofEpochMilli(task.completeTime());
        Instant seen = store.history(id).stream().filter(step -> step.to() == JobStatus.DOWNLOADING)
                .map(TransitionRow::at).findFirst().orElseThrow();
        Duration interval = Duration.ofMillis(Math.round(
                PollProfile.IMAGE_FAST.intervalAfter(Math.max(1, polls - 1)).toMillis() * TIME_SCALE));
        assertThat(Duration.between(completed, seen)).isLessThanOrEqualTo(interval.plusMillis(150));
    }

    @Test
    void aDueJobNotificationWakesTheDispatcher() {
        double before = registry.counter("genqueue.worker.jobs_due.notifications").count();

        store.value("SELECT pg_notify('genqueue_jobs_due', '')::text", String.class);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> registry.counter("genqueue.worker.jobs_due.notifications").count() > before);
    }

    private TaskStats task(JobRow job) {
        return SimulatorResource.simulator().stats().tasks().get(job.taskId());
    }

    private static String forgedSuccess(String taskId) {
        ObjectNode body = Json.mapper().createObjectNode().put("code", 200).put("message", "success");
        ObjectNode data = body.putObject("data").put("taskId", taskId).put("state", "success");
        ObjectNode result = Json.mapper().createObjectNode();
        result.putArray("resultUrls").add(CallbackReceiver.evilUrl("payload.mp4"));
        data.put("resultJson", result.toString());
        return body.toString();
    }

    private static int postCallback(String url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String submitDirectly(String prompt, String callbackUrl) throws Exception {
        ObjectNode body = Json.mapper().createObjectNode().put("request_type", "callback")
                .put("callback_url", callbackUrl);
        body.putObject("input").put("mode", "text-to-image").put("prompt", prompt);
        String answer = HTTP.send(HttpRequest.newBuilder(URI.create(SimulatorResource.simulator().apiUrl()
                        + "/generateTask/nano-banana"))
                .header("Authorization", "Bearer " + SimulatorResource.API_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return Json.mapper().readTree(answer).path("data").path("taskId").asText();
    }

    private void plantSubmitted(UUID id, String taskId, String tokenHash) {
        String input = Json.mapper().createObjectNode().put("mode", "text-to-image")
                .put("prompt", "a job of another replica").toString();
        store.execute("""
                INSERT INTO job (id, tenant_id, request_id, request_fingerprint, model, input, delivery, source, status,
                                 attempts, apixo_task_id, callback_token_hash, next_run_at, version, deadline_at,
                                 accepted_at, submitted_at, updated_at)
                VALUES (?, ?, ?, 'planted', 'nano-banana', ?::jsonb, 'CALLBACK', 'KAFKA', 'SUBMITTED', 1, ?, ?,
                        now() + interval '1 hour', 4, now() + interval '1 hour', now(), now(), now())
                """, id, tenant, "replica-" + id, input, taskId, tokenHash);
        for (List<Object> step : List.<List<Object>>of(List.of("", "QUEUED", 0), List.of("QUEUED", "SUBMITTING", 1),
                List.of("SUBMITTING", "SUBMITTED", 1))) {
            store.execute("""
                    INSERT INTO job_transition (job_id, from_status, to_status, at, attempt, apixo_task_id, reason)
                    VALUES (?, NULLIF(?, ''), ?, now(), ?, ?, 'written by replica-a')
                    """, id, step.get(0), step.get(1), step.get(2), step.get(1).equals("SUBMITTED") ? taskId : null);
        }
    }
}
