package dev.genqueue.api.callback;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.genqueue.common.contract.Json;
import dev.genqueue.common.job.JobStatus;
import dev.genqueue.store.callback.CallbackPaths;
import dev.genqueue.store.callback.CallbackTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CallbackWebhookTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    CallbackJobs jobs;

    @Test
    void callbackWithTheRightTokenStoresTheHintAndMakesTheJobDueWithoutChangingItsState() {
        String token = CallbackTokens.newToken();
        UUID job = jobs.awaiting(JobStatus.PROCESSING, "task_ok1", token);
        CallbackJobs.Row before = jobs.row(job);
        Instant sent = jobs.now();

        Response answer = post(url(job, token), success("task_ok1"));

        assertEmpty200(answer);
        CallbackJobs.Row after = jobs.row(job);
        assertThat(after.callbackReceivedAt()).isAfterOrEqualTo(sent);
        assertThat(after.nextRunAt()).isBefore(before.nextRunAt()).isBeforeOrEqualTo(jobs.now());
        // a hint only: the state, the fencing version and the history are the worker's to change
        assertThat(after.status()).isEqualTo(JobStatus.PROCESSING);
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(after.transitions()).isEqualTo(before.transitions());
    }

    @Test
    void storedPayloadIsTheCallbackEnvelope() throws Exception {
        String token = CallbackTokens.newToken();
        UUID job = jobs.awaiting(JobStatus.SUBMITTED, "task_pl1", token);

        post(url(job, token), failed("task_pl1"));

        assertThat(Json.mapper().readTree(jobs.row(job).payload())).isEqualTo(Json.mapper().readTree(failed("task_pl1")));
    }

    @Test
    void wrongTokenChangesNothingAndIsAnsweredLikeAnAcceptedCallback() {
        String token = CallbackTokens.newToken();
        UUID job = jobs.awaiting(JobStatus.PROCESSING, "task_wt1", token);
        CallbackJobs.Row before = jobs.row(job);

        Response answer = post(url(job, CallbackTokens.newToken()), success("task_wt1"));

        assertEmpty200(answer);
        assertThat(jobs.row(job)).isEqualTo(before);
    }

    @Test
    void unknownJobIsAnsweredLikeAnyOtherCallback() {
        Response answer = post(url(UUID.randomUUID(), CallbackTokens.newToken()), success("task_unknown"));

        assertEmpty200(answer);
    }

    @Test
    void oversizedBodyIsIgnoredEvenWithTheRightToken() {
        String token = CallbackTokens.newToken();
        UUID job = jobs.awaiting(JobStatus.PROCESSING, "task_big1", token);
        CallbackJobs.Row before = jobs.row(job);
        String padding = "x".repeat(70 * 1024);
        String huge = """
                {"code": 200, "message": "success", "data": {"taskId": "task_big1", "state": "success",
                 "padding": "%s"}}""".formatted(padding);

        Response answer = post(url(job, token), huge);

        assertEmpty200(answer);
        assertThat(jobs.row(job)).isEqualTo(before);
    }

    @Test
    void bodyBeyondTheHttpLimitIsRefusedBeforeTheApplicationReadsIt() {
        String token = CallbackTokens.newToken();
        UUID job = jobs.awaiting(JobStatus.PROCESSING, "task_huge1", token);
        CallbackJobs.Row before = jobs.row(job);

        Response answer = post(url(job, token), "{\"data\": {\"x\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}}");

        // quarkus.http.limits.max-body-size (1M) answers first: a bare 413 that tells nothing either
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.asByteArray()).isEmpty();
        assertThat(jobs.row(job)).isEqualTo(before);
    }

    @Test
    void bodiesThatAreNotAnEnvelopeChangeNothing() {
        String token = CallbackTokens.newToken();
        UUID job = jobs.awaiting(JobStatus.PROCESSING, "task_bad1", token);
        CallbackJobs.Row before = jobs.row(job);

        for (String body : List.of("", "not json", "[1, 2]", "{\"code\": 200}", "{\"data\": {\"state\": \"a\\u0000\"}}",
                "{\"data\": {}} trailing")) {
            assertEmpty200(post(url(job, token), body));
        }

        assertThat(jobs.row(job)).isEqualTo(before);
    }

    @Test
    void callbackForATerminalJobChangesNothing() {
        String token = CallbackTokens.newToken();
        UUID job = jobs.awaiting(JobStatus.SUCCEEDED, "task_done1", token);
        CallbackJobs.Row before = jobs.row(job);

        assertEmpty200(post(url(job, token), success("task_done1")));

        assertThat(jobs.row(job)).isEqualTo(before);
    }

    @Test
    void duplicatedCallbacksLeaveOneState() {
        String token = CallbackTokens.newToken();
        UUID job = jobs.awaiting(JobStatus.PROCESSING, "task_dup1", token);
        post(url(job, token), success("task_dup1"));
        CallbackJobs.Row first = jobs.row(job);

        ExecutorService senders = Executors.newFixedThreadPool(3);
        try {
            List<CompletableFuture<Response>> repeats = IntStream.range(0, 3)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> post(url(job, token), success("task_dup1")),
                            senders))
                    .toList();
            repeats.forEach(repeat -> assertEmpty200(repeat.join()));
        } finally {
            senders.shutdown();
        }

        assertThat(jobs.row(job)).isEqualTo(first);
    }

    @Test
    void concurrentFirstDeliveriesStoreOneHint() {
        String token = CallbackTokens.newToken();
        UUID job = jobs.awaiting(JobStatus.SUBMITTED, "task_race1", token);

        ExecutorService senders = Executors.newFixedThreadPool(3);
        try {
            List<CompletableFuture<Response>> deliveries = IntStream.range(0, 3)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> post(url(job, token), success("task_race1")),
                            senders))
                    .toList();
            deliveries.forEach(delivery -> assertEmpty200(delivery.join()));
        } finally {
            senders.shutdown();
        }

        CallbackJobs.Row after = jobs.row(job);
        assertThat(after.callbackReceivedAt()).isNotNull();
        assertThat(after.status()).isEqualTo(JobStatus.SUBMITTED);
    }

    @Test
    void leasedJobKeepsItsLeaseButTheHintIsStored() {
        String token = CallbackTokens.newToken();
        UUID job = jobs.leased(JobStatus.PROCESSING, "task_lease1", token);
        CallbackJobs.Row before = jobs.row(job);

        post(url(job, token), success("task_lease1"));

        CallbackJobs.Row after = jobs.row(job);
        assertThat(after.callbackReceivedAt()).isNotNull();
        assertThat(after.nextRunAt()).isEqualTo(before.nextRunAt());
    }

    @Test
    void callbackBeforeTheSubmitResponseIsRecordedWaitsForTheWorker() {
        String token = CallbackTokens.newToken();
        UUID job = jobs.awaiting(JobStatus.SUBMITTING, null, token);
        CallbackJobs.Row before = jobs.row(job);

        post(url(job, token), success("task_early1"));

        CallbackJobs.Row after = jobs.row(job);
        assertThat(after.callbackReceivedAt()).isNotNull();
        assertThat(after.payload()).contains("task_early1");
        assertThat(after.nextRunAt()).isEqualTo(before.nextRunAt());
        assertThat(after.status()).isEqualTo(JobStatus.SUBMITTING);
    }

    @Test
    void callbackOfAnEarlierTaskOfTheJobChangesNothing() {
        String token = CallbackTokens.newToken();
        UUID job = jobs.awaiting(JobStatus.PROCESSING, "task_second", token);
        CallbackJobs.Row before = jobs.row(job);

        post(url(job, token), success("task_first"));

        assertThat(jobs.row(job)).isEqualTo(before);
    }

    @Test
    void laterStageOfTheSameTaskIsANewHint() {
        String token = CallbackTokens.newToken();
        UUID job = jobs.awaiting(JobStatus.PROCESSING, "task_stage1", token);
        post(url(job, token), envelope("task_stage1", "processing"));
        Instant firstReceived = jobs.row(job).callbackReceivedAt();

        post(url(job, token), success("task_stage1"));

        CallbackJobs.Row after = jobs.row(job);
        assertThat(after.callbackReceivedAt()).isAfter(firstReceived);
        assertThat(after.payload()).contains("\"success\"");
    }

    @Test
    void callbackTheDatabaseCannotRecordIsA503SoApixoRetries() throws Exception {
        String token = CallbackTokens.newToken();
        UUID job = jobs.awaiting(JobStatus.PROCESSING, "task_down1", token);
        CallbackJobs.Row before = jobs.row(job);

        Response refused;
        try (AutoCloseable outage = jobs.refuseUpdates(job)) {
            refused = post(url(job, token), success("task_down1"));
        }

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("30");
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.asString()).doesNotContain(token).doesNotContain(job.toString())
                .doesNotContain("Exception").doesNotContain("refused");
        assertThat(jobs.row(job)).isEqualTo(before);
        // APIXO's retry, once the database is back, is recorded
        assertEmpty200(post(url(job, token), success("task_down1")));
        assertThat(jobs.row(job).callbackReceivedAt()).isNotNull();
    }

    @Test
    void everyAnswerLooksTheSame() {
        String token = CallbackTokens.newToken();
        UUID job = jobs.awaiting(JobStatus.PROCESSING, "task_same1", token);
        List<Response> answers = List.of(
                post(url(job, token), success("task_same1")),
                post(url(job, token), success("task_same1")),
                post(url(job, CallbackTokens.newToken()), success("task_same1")),
                post(url(UUID.randomUUID(), token), success("task_same1")),
                post(base + "v1/callbacks/apixo/not-a-uuid/" + token, success("task_same1")),
                post(base + "v1/callbacks/apixo/" + job + "/short", success("task_same1")),
                post(url(job, token), "garbage"));

        Response first = answers.get(0);
        for (Response answer : answers) {
            assertEmpty200(answer);
            assertThat(headerNames(answer)).isEqualTo(headerNames(first));
        }
    }

    @Test
    void callbacksAreCountedByOutcome() {
        String token = CallbackTokens.newToken();
        UUID job = jobs.awaiting(JobStatus.PROCESSING, "task_metric1", token);
        post(url(job, token), success("task_metric1"));
        post(url(job, token), success("task_metric1"));
        post(url(job, CallbackTokens.newToken()), success("task_metric1"));
        post(url(job, token), "nope");

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        for (String outcome : List.of("accepted", "duplicate", "rejected", "invalid")) {
            assertThat(metrics).containsPattern("genqueue_callbacks_total\\{outcome=\"" + outcome + "\"} [1-9]");
        }
        assertThat(metrics).doesNotContain(token);
    }

    private String url(UUID job, String token) {
        return CallbackPaths.forJob(base.toString(), job, token);
    }

    private static Response post(String url, String body) {
        return given().contentType(ContentType.JSON).body(body).post(url);
    }

    private static void assertEmpty200(Response answer) {
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.asByteArray()).isEmpty();
        assertThat(answer.contentType()).isEmpty();
    }

    private static List<String> headerNames(Response answer) {
        return answer.headers().asList().stream().map(h -> h.getName().toLowerCase()).sorted().toList();
    }

    static String success(String taskId) {
        return """
                {"code": 200, "message": "success", "data": {"taskId": "%s", "state": "success",
                 "resultJson": "{\\"resultUrls\\":[\\"https://cdn.example/%s_0.png\\"]}",
                 "costTime": 1200, "createTime": 1735689600000, "completeTime": 1735689601200}}""".formatted(taskId,
                taskId);
    }

    static String failed(String taskId) {
        return """
                {"code": 200, "message": "success", "data": {"taskId": "%s", "state": "failed", "failCode": "NSFW",
                 "failMsg": "NSFW content detected", "createTime": 1735689600000, "completeTime": 1735689609000}}"""
                .formatted(taskId);
    }

    static String envelope(String taskId, String state) {
        return """
                {"code": 200, "message": "success", "data": {"taskId": "%s", "state": "%s"}}""".formatted(taskId, state);
    }
}
