package dev.genqueue.api.deadletter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.genqueue.common.job.JobStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeadLetterRedriveTest {

    @Inject
    DeadLetterRecords records;

    @Test
    void fixedPayloadBecomesAJobThatTheJobsApiShows() {
        String requestId = "fix-" + UUID.randomUUID();
        UUID id = records.intake(DeadLetterRecords.requestWithoutPrompt(requestId), "input.prompt: is required");

        String jobId = given().contentType(ContentType.JSON)
                .body("{\"payload\": " + DeadLetterRecords.validRequest(requestId) + "}")
                .post("/v1/dead-letters/" + id + "/redrive").then()
                .statusCode(200)
                .body("id", equalTo(id.toString()))
                .body("outcome", equalTo("created"))
                .body("reason", nullValue())
                .extract().path("jobId");

        given().get("/v1/jobs/" + jobId).then().statusCode(200)
                .body("requestId", equalTo(requestId))
                .body("tenantId", equalTo(DeadLetterRecords.TENANT))
                .body("status", equalTo("queued"))
                .body("source", equalTo("redrive"));
        given().get("/v1/dead-letters/" + id).then().statusCode(200)
                .body("redrivenAt", notNullValue())
                .body("redrivenJobId", equalTo(jobId))
                .body("redriveCount", equalTo(1))
                .body("lastRedriveOutcome", equalTo("created"))
                .body("payloadReplaced", equalTo(true))
                .body("payload", containsString("a fixed fox"))
                .body("links.redrivenJob", equalTo("/v1/jobs/" + jobId));
    }

    @Test
    void redrivingTwiceAnswersWithTheSameJobAndCreatesNoOther() {
        String requestId = "twice-" + UUID.randomUUID();
        UUID id = records.intake(DeadLetterRecords.validRequest(requestId), "was invalid under an older catalogue");

        String first = redrive(id).body("outcome", equalTo("created")).extract().path("jobId");
        redrive(id).body("outcome", equalTo("duplicate")).body("jobId", equalTo(first));
        given().contentType(ContentType.JSON).body(Map.of("ids", List.of(id.toString())))
                .post("/v1/dead-letters/redrive").then().statusCode(200)
                .body("results[0].outcome", equalTo("duplicate"))
                .body("results[0].jobId", equalTo(first));

        assertThat(records.jobsWithRequestId(requestId)).isOne();
        given().get("/v1/dead-letters/" + id).then().body("redriveCount", equalTo(1));
    }

    @Test
    void stillInvalidRecordStaysWithTheNewReason() {
        String requestId = "still-" + UUID.randomUUID();
        String tag = DeadLetterRecords.tag();
        UUID id = records.intake(DeadLetterRecords.requestWithoutPrompt(requestId), "first reason " + tag);

        redrive(id).body("outcome", equalTo("still-invalid"))
                .body("jobId", nullValue())
                .body("reason", equalTo("input.prompt: is required"));

        given().get("/v1/dead-letters/" + id).then().statusCode(200)
                .body("redrivenAt", nullValue())
                .body("reason", equalTo("input.prompt: is required"))
                .body("originalReason", equalTo("first reason " + tag))
                .body("redriveCount", equalTo(1))
                .body("lastRedriveOutcome", equalTo("still-invalid"))
                .body("payloadReplaced", equalTo(false));
        assertThat(records.jobsWithRequestId(requestId)).isZero();
    }

    @Test
    void recordThatIsNotJsonIsStillInvalidUntilFixed() {
        UUID id = records.intake("{\"requestId\": \"x\", oops", "value is not JSON");

        redrive(id).body("outcome", equalTo("still-invalid")).body("reason", containsString("not valid JSON"));
    }

    @Test
    void redriveByReasonTakesEveryMatchNotYetRedriven() {
        String tag = DeadLetterRecords.tag();
        String a = "reason-a-" + UUID.randomUUID();
        String b = "reason-b-" + UUID.randomUUID();
        UUID first = records.intake(DeadLetterRecords.validRequest(a), "catalogue outage " + tag);
        UUID second = records.intake(DeadLetterRecords.validRequest(b), "Catalogue Outage " + tag.toUpperCase());
        UUID broken = records.intake(DeadLetterRecords.requestWithoutPrompt("reason-c"), "catalogue outage " + tag);
        UUID other = records.intake(DeadLetterRecords.validRequest("reason-d-" + UUID.randomUUID()), "other");

        JsonPath report = bulk(Map.of("reason", "outage " + tag, "kind", "intake"))
                .body("processed", equalTo(3))
                .body("remaining", equalTo(0))
                .extract().jsonPath();

        assertThat(outcomes(report)).containsExactlyInAnyOrderEntriesOf(Map.of(
                first.toString(), "created", second.toString(), "created", broken.toString(), "still-invalid"));
        assertThat(records.jobsWithRequestId(a)).isOne();
        assertThat(records.jobsWithRequestId(b)).isOne();
        given().get("/v1/dead-letters/" + other).then().body("redrivenAt", nullValue());
        // the redriven ones no longer match; the broken one now carries the validator's reason
        bulk(Map.of("reason", tag)).body("processed", equalTo(0)).body("remaining", equalTo(0));
    }

    @Test
    void redriveByTimeWindowIsBoundedAndReportsWhatRemains() {
        Instant day = DeadLetterRecords.window();
        for (int i = 0; i < 3; i++) {
            records.intake(DeadLetterRecords.validRequest("window-" + UUID.randomUUID()), "broker hiccup",
                    day.plus(Duration.ofMinutes(i)));
        }
        UUID outside = records.intake(DeadLetterRecords.validRequest("window-out-" + UUID.randomUUID()), "late",
                day.plus(Duration.ofDays(1)));
        Map<String, Object> window = Map.of("from", day.toString(), "to", day.plus(Duration.ofDays(1)).toString(),
                "limit", 2);

        bulk(window).body("processed", equalTo(2)).body("remaining", equalTo(1))
                .body("results.outcome", everyItem(equalTo("created")));
        bulk(window).body("processed", equalTo(1)).body("remaining", equalTo(0));
        bulk(window).body("processed", equalTo(0)).body("remaining", equalTo(0));

        given().get("/v1/dead-letters/" + outside).then().body("redrivenAt", nullValue());
        assertThat(given().queryParams(Map.of("from", day.toString(), "to", day.plus(Duration.ofDays(1)).toString(), "redriven", "true"))
                .get("/v1/dead-letters").then().extract().jsonPath().getList("items")).hasSize(3);
    }

    @Test
    void redriveByIdsReportsEachRecordIncludingUnknownOnes() {
        UUID valid = records.intake(DeadLetterRecords.validRequest("ids-" + UUID.randomUUID()), "x");
        UUID invalid = records.intake("[]", "x");
        UUID unknown = UUID.randomUUID();

        JsonPath report = bulk(Map.of("ids", List.of(valid.toString(), invalid.toString(), unknown.toString())))
                .body("processed", equalTo(3))
                .body("remaining", equalTo(0))
                .extract().jsonPath();

        assertThat(report.getList("results.id")).containsExactly(valid.toString(), invalid.toString(),
                unknown.toString());
        assertThat(report.getList("results.outcome")).containsExactly("created", "still-invalid", "not-found");
        assertThat(report.getString("results[0].job")).isEqualTo("/v1/jobs/" + report.getString("results[0].jobId"));
    }

    @Test
    void requestIdTakenByADifferentRequestIsAConflict() {
        String requestId = "taken-" + UUID.randomUUID();
        UUID existing = records.job(requestId, JobStatus.QUEUED);
        UUID id = records.intake(DeadLetterRecords.validRequest(requestId), "x");

        redrive(id).body("outcome", equalTo("conflict"))
                .body("jobId", equalTo(existing.toString()))
                .body("reason", containsString(requestId));
        given().get("/v1/dead-letters/" + id).then().body("redrivenAt", nullValue())
                .body("lastRedriveOutcome", equalTo("conflict"));
    }

    @Test
    void exhaustedJobIsRedrivenAsALinkedNewJobOnce() {
        String requestId = "exhausted-" + UUID.randomUUID();
        UUID original = records.job(requestId, JobStatus.FAILED);
        UUID id = records.exhaustedJob(original, "GENERATION_FAILED after 3 attempts");

        String jobId = redrive(id).body("outcome", equalTo("created"))
                .body("job", containsString("/v1/jobs/"))
                .extract().path("jobId");

        assertThat(jobId).isNotEqualTo(original.toString());
        given().get("/v1/jobs/" + jobId).then().statusCode(200)
                .body("requestId", equalTo(requestId + ":redrive:1"))
                .body("tenantId", equalTo(DeadLetterRecords.TENANT))
                .body("projectId", equalTo("launch"))
                .body("model", equalTo("veo-3-1"))
                .body("delivery", equalTo("polling"))
                .body("status", equalTo("queued"))
                .body("source", equalTo("redrive"));
        redrive(id).body("outcome", equalTo("duplicate")).body("jobId", equalTo(jobId));

        // when the redriven job is exhausted too, its redrive is the original's second one
        records.finish(UUID.fromString(jobId), JobStatus.TIMED_OUT);
        UUID secondDeadLetter = records.exhaustedJob(UUID.fromString(jobId), "GENERATION_FAILED again");
        String second = redrive(secondDeadLetter).body("outcome", equalTo("created")).extract().path("jobId");
        assertThat(records.requestIdOf(UUID.fromString(second))).isEqualTo(requestId + ":redrive:2");
    }

    @Test
    void jobThatIsStillRunningIsNotRedriven() {
        UUID running = records.job("running-" + UUID.randomUUID(), JobStatus.PROCESSING);
        UUID id = records.exhaustedJob(running, "premature");

        redrive(id).body("outcome", equalTo("conflict")).body("reason", containsString("still processing"));
    }

    @Test
    void badSelectorsAreRefusedWithTheFieldNamed() {
        badBulk("{}", "");
        badBulk("{\"ids\": [\"" + UUID.randomUUID() + "\"], \"reason\": \"x\"}", "");
        badBulk("{\"ids\": []}", "ids");
        badBulk("{\"ids\": [\"nope\"]}", "ids[0]");
        badBulk("{\"ids\": [\"" + UUID.randomUUID() + "\"], \"kind\": \"intake\"}", "kind");
        badBulk("{\"reason\": \"  \"}", "reason");
        badBulk("{\"reason\": \"x\", \"kind\": \"poison\"}", "kind");
        badBulk("{\"from\": \"2025-01-02T00:00:00Z\", \"to\": \"2025-01-01T00:00:00Z\"}", "to");
        badBulk("{\"from\": null}", "from");
        badBulk("{\"from\": \"soon\"}", "from");
        badBulk("{\"reason\": \"x\", \"limit\": 1001}", "limit");
        badBulk("{\"reason\": \"x\", \"selector\": \"all\"}", "selector");
        badBulk("{\"reason\": ", "");
        StringBuilder many = new StringBuilder("{\"ids\": [");
        for (int i = 0; i < 1001; i++) {
            many.append(i == 0 ? "" : ",").append('"').append(UUID.randomUUID()).append('"');
        }
        badBulk(many.append("]}").toString(), "ids");
    }

    @Test
    void singleRedriveOfAnUnknownIdIs404AndABadBodyIs400() {
        given().post("/v1/dead-letters/" + UUID.randomUUID() + "/redrive").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://genqueue.dev/problems/not-found"));
        UUID id = records.intake("{}", "x");
        given().contentType(ContentType.JSON).body("{\"payload\": \"text\"}")
                .post("/v1/dead-letters/" + id + "/redrive").then().statusCode(400)
                .body("violations[0].field", equalTo("payload"));
        given().contentType(ContentType.JSON).body("{\"fix\": {}}")
                .post("/v1/dead-letters/" + id + "/redrive").then().statusCode(400)
                .body("violations[0].field", equalTo("fix"));
        given().get("/v1/dead-letters/" + id).then().body("redriveCount", equalTo(0));
    }

    @Test
    void redrivesAndDeadLettersShowInMetrics() {
        redrive(records.intake(DeadLetterRecords.validRequest("metric-" + UUID.randomUUID()), "x"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("genqueue_dead_letter_redrives_total\\{kind=\"intake\",outcome=\"created\"} [1-9]")
                .containsPattern("genqueue_dead_letters\\{kind=\"intake\",state=\"redriven\"} [1-9]")
                .contains("genqueue_dead_letters{kind=\"job\",state=\"pending\"}"));
    }

    private static ValidatableResponse redrive(UUID id) {
        return given().post("/v1/dead-letters/" + id + "/redrive").then().statusCode(200);
    }

    private static ValidatableResponse bulk(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/dead-letters/redrive").then()
                .statusCode(200);
    }

    private static void badBulk(String body, String field) {
        given().contentType(ContentType.JSON).body(body).post("/v1/dead-letters/redrive").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://genqueue.dev/problems/validation"))
                .body("violations.field", hasItem(field));
    }

    private static Map<String, String> outcomes(JsonPath report) {
        Map<String, String> outcomes = new HashMap<>();
        List<Map<String, Object>> results = report.getList("results");
        results.forEach(r -> outcomes.put((String) r.get("id"), (String) r.get("outcome")));
        return outcomes;
    }
}
