package dev.genqueue.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void openApiDocumentDescribesTheJobEndpointsAndTheirProblems() {
        given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200)
                .body("paths", hasKey("/v1/jobs"))
                .body("paths", hasKey("/v1/jobs/{id}"))
                .body("paths.'/v1/jobs'.post.responses", hasKey("202"))
                .body("paths.'/v1/jobs'.post.responses", hasKey("400"))
                .body("paths.'/v1/jobs'.post.responses", hasKey("409"))
                .body("paths.'/v1/jobs'.post.responses.'400'.content", hasKey("application/problem+json"))
                .body("paths.'/v1/jobs'.post.requestBody.content.'application/json'.schema", notNullValue())
                .body("components.schemas", hasKey("Problem"))
                .body("components.schemas", hasKey("JobView"));
    }

    @Test
    void healthIsUp() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsCountIntakeByOutcomeAndShowTheOutboxBacklog() {
        given().contentType(ContentType.JSON).header("Idempotency-Key", Requests.newKey())
                .body(Requests.valid("a metric")).post("/v1/jobs").then().statusCode(202);
        given().contentType(ContentType.JSON).body("[]").post("/v1/jobs").then().statusCode(400);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics)
                .containsPattern("genqueue_intake_requests_total\\{door=\"rest\",outcome=\"created\"} [1-9]")
                .containsPattern("genqueue_intake_requests_total\\{door=\"rest\",outcome=\"invalid\"} [1-9]")
                .contains("genqueue_outbox_pending")
                .contains("genqueue_outbox_publish_latency_seconds");
    }
}
