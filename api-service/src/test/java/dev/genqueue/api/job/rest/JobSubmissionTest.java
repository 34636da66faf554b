package dev.genqueue.api.job.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.genqueue.api.Db;
import dev.genqueue.api.Requests;
import dev.genqueue.api.TopicRecorder;
import dev.genqueue.common.contract.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class JobSubmissionTest {

    @Inject
    Db db;

    @Test
    void acceptedJobIsQueuedAndReadableImmediately() {
        String key = Requests.newKey();
        ExtractableResponse<Response> accepted = submit(key, Requests.valid("a red bicycle"))
                .statusCode(202)
                .contentType(ContentType.JSON)
                .body("requestId", equalTo(key))
                .body("status", equalTo("queued"))
                .extract();
        String jobId = accepted.path("jobId");
        assertThat(accepted.header("Location")).endsWith("/v1/jobs/" + jobId);
        assertThat(accepted.header("Idempotency-Key")).isEqualTo(key);
        assertThat(accepted.<String>path("links.self")).isEqualTo("/v1/jobs/" + jobId);

        // no waiting: the job row is committed before the 202
        given().get(accepted.header("Location"))
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("jobId", equalTo(jobId))
                .body("status", equalTo("queued"))
                .body("requestId", equalTo(key))
                .body("tenantId", equalTo("acme"))
                .body("projectId", equalTo("launch"))
                .body("model", equalTo("nano-banana"))
                .body("source", equalTo("rest"))
                .body("attempts", equalTo(0))
                .body("apixoTaskId", nullValue())
                .body("outputs", hasSize(0))
                .body("history", hasSize(1))
                .body("history[0].from", nullValue())
                .body("history[0].to", equalTo("queued"))
                .body("history[0].at", notNullValue())
                .body("acceptedAt", notNullValue());
    }

    @Test
    void acceptedRequestIsPublishedOnceToTheRequestTopicWithItsEventId() {
        String key = Requests.newKey();
        submit(key, Requests.valid("a lighthouse at dusk")).statusCode(202);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(TopicRecorder.withKey(Topics.REQUESTS, key)).isNotEmpty();
            assertThat(unpublishedOutboxRows(key)).isZero();
        });
        List<ConsumerRecord<String, String>> records = TopicRecorder.withKey(Topics.REQUESTS, key);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.get(0);
        String eventId = TopicRecorder.header(record, Topics.HEADER_EVENT_ID);
        assertThat(UUID.fromString(eventId)).isNotNull();
        assertThat(db.number("SELECT count(*) FROM outbox WHERE event_id = ?::uuid AND record_key = ?", eventId, key))
                .isEqualTo(1);
        assertThat(record.value()).contains("\"requestId\":\"" + key + "\"").contains("\"model\":\"nano-banana\"");
    }

    @Test
    void sameKeyAndBodyAgainReturnsTheSameJobWithoutCreatingAnother() {
        String key = Requests.newKey();
        String body = Requests.valid("a quiet harbour");
        String first = submit(key, body).statusCode(202).extract().path("jobId");

        ExtractableResponse<Response> repeat = submit(key, body)
                .statusCode(200)
                .body("jobId", equalTo(first))
                .body("requestId", equalTo(key))
                .body("status", equalTo("queued"))
                .extract();

        assertThat(repeat.header("Location")).endsWith("/v1/jobs/" + first);
        assertThat(db.number("SELECT count(*) FROM job WHERE tenant_id = 'acme' AND request_id = ?", key))
                .isEqualTo(1);
        assertThat(db.number("SELECT count(*) FROM outbox WHERE record_key = ?", key)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> unpublishedOutboxRows(key) == 0
                && !TopicRecorder.withKey(Topics.REQUESTS, key).isEmpty());
        assertThat(TopicRecorder.withKey(Topics.REQUESTS, key)).hasSize(1);
    }

    @Test
    void sameKeyWithADifferentBodyIsAConflict() {
        String key = Requests.newKey();
        String first = submit(key, Requests.valid("a blue kite")).statusCode(202).extract().path("jobId");

        String problem = submit(key, Requests.valid("a green kite"))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://genqueue.dev/problems/idempotency-conflict"))
                .body("status", equalTo(409))
                .body("instance", equalTo("/v1/jobs"))
                .extract().asString();

        assertThat(problem).contains(key).doesNotContain("Exception").doesNotContain("at dev.");
        assertThat(db.number("SELECT count(*) FROM job WHERE request_id = ?", key)).isEqualTo(1);
        given().get("/v1/jobs/" + first).then().statusCode(200).body("requestId", equalTo(key));
    }

    @Test
    void bodyRequestIdIsTheKeyWhenNoHeaderIsSent() {
        String key = Requests.newKey();
        String body = Requests.valid(key, "an owl");
        String first = given().contentType(ContentType.JSON).body(body).post("/v1/jobs")
                .then().statusCode(202).body("requestId", equalTo(key)).extract().path("jobId");
        // the same key as a header, matching the body: still the same request
        submit(key, body).statusCode(200).body("jobId", equalTo(first));
    }

    @Test
    void keyIsGeneratedAndEchoedWhenTheClientSendsNone() {
        ExtractableResponse<Response> accepted = given().contentType(ContentType.JSON)
                .body(Requests.valid("a moth")).post("/v1/jobs")
                .then().statusCode(202).extract();

        String key = accepted.path("requestId");
        assertThat(key).isNotBlank();
        assertThat(accepted.header("Idempotency-Key")).isEqualTo(key);
        given().get(accepted.header("Location")).then().statusCode(200).body("requestId", equalTo(key));
    }

    @Test
    void jobCanBeLookedUpByTenantAndRequestId() {
        String key = Requests.newKey();
        String jobId = submit(key, Requests.valid("a fox")).statusCode(202).extract().path("jobId");

        given().queryParam("tenantId", "acme").queryParam("requestId", key).get("/v1/jobs")
                .then().statusCode(200).body("jobId", equalTo(jobId));
        given().queryParam("tenantId", "someone-else").queryParam("requestId", key).get("/v1/jobs")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void promptOfExactlyTheLimitAfterTrimmingIsAccepted() {
        String prompt = "   " + "p".repeat(5000) + "   ";
        String jobId = submit(Requests.newKey(), Requests.valid(prompt)).statusCode(202).extract().path("jobId");

        assertThat(db.number("SELECT length(input->>'prompt') FROM job WHERE id = ?::uuid", jobId)).isEqualTo(5000);
    }

    private static io.restassured.response.ValidatableResponse submit(String key, String body) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/v1/jobs").then();
    }

    private long unpublishedOutboxRows(String key) {
        return db.number("SELECT count(*) FROM outbox WHERE record_key = ? AND published_at IS NULL", key);
    }
}
