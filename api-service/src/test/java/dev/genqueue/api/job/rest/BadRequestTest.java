package dev.genqueue.api.job.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.genqueue.api.Db;
import dev.genqueue.api.Requests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class BadRequestTest {

    private static final String TENANT = "bad-input-tenant";

    @Inject
    Db db;

    static Stream<Arguments> badBodies() {
        return Stream.of(
                bad("not JSON", null, "{\"model\": nano", ""),
                bad("JSON array", null, "[{\"model\": \"nano-banana\"}]", ""),
                bad("JSON string", null, "\"draw a cat\"", ""),
                bad("empty body", null, "", ""),
                bad("trailing content", null, body("\"model\": \"nano-banana\"", prompt("a cat")) + " {}", ""),
                bad("duplicate key", null, "{\"tenantId\": \"" + TENANT + "\", \"model\": \"nano-banana\", "
                        + "\"model\": \"sora-2\", \"input\": {\"prompt\": \"a cat\"}}", ""),
                bad("missing model", null, "{\"tenantId\": \"" + TENANT + "\", \"input\": {\"prompt\": \"a cat\"}}",
                        "model"),
                bad("unknown model", null, body("\"model\": \"dall-e-9\"", prompt("a cat")), "model"),
                bad("model not a string", null, body("\"model\": 42", prompt("a cat")), "model"),
                bad("mode invalid for the model", null,
                        body("\"model\": \"nano-banana\"", "{\"prompt\": \"a cat\", \"mode\": \"text-to-video\"}"),
                        "input.mode"),
                bad("blank prompt", null, body("\"model\": \"nano-banana\"", prompt("")), "input.prompt"),
                bad("whitespace-only prompt", null, body("\"model\": \"nano-banana\"", prompt("  \\n\\t  ")),
                        "input.prompt"),
                bad("prompt over 5000 characters after trimming", null,
                        body("\"model\": \"nano-banana\"", prompt(" " + "x".repeat(5001) + " ")), "input.prompt"),
                bad("prompt not a string", null, body("\"model\": \"nano-banana\"", "{\"prompt\": 42}"),
                        "input.prompt"),
                bad("input not an object", null, body("\"model\": \"nano-banana\"", "\"a cat\""), "input"),
                bad("input missing", null, "{\"tenantId\": \"" + TENANT + "\", \"model\": \"nano-banana\"}", "input"),
                bad("unknown top-level field", null,
                        body("\"model\": \"nano-banana\", \"colour\": \"red\"", prompt("a cat")), "colour"),
                bad("bad delivery value", null,
                        body("\"model\": \"nano-banana\", \"delivery\": \"carrier-pigeon\"", prompt("a cat")),
                        "delivery"),
                bad("bad tenantId characters", null, "{\"tenantId\": \"acme corp!\", \"model\": \"nano-banana\", "
                        + "\"input\": " + prompt("a cat") + "}", "tenantId"),
                bad("tenantId missing", null, "{\"model\": \"nano-banana\", \"input\": " + prompt("a cat") + "}",
                        "tenantId"),
                bad("reference image not an http URL", null, body("\"model\": \"nano-banana\"",
                        "{\"prompt\": \"a cat\", \"mode\": \"image-to-image\", \"image_urls\": [\"file:///etc/passwd\"]}"),
                        "input.image_urls[0]"),
                bad("header and body keys differ", "key-in-header",
                        body("\"requestId\": \"key-in-body\", \"model\": \"nano-banana\"", prompt("a cat")),
                        "requestId", "Idempotency-Key"),
                bad("header key with bad characters", "a key with spaces",
                        body("\"model\": \"nano-banana\"", prompt("a cat")), "Idempotency-Key"),
                bad("several bad fields at once", null, "{\"tenantId\": 7, \"model\": \"nano-banana\", "
                        + "\"input\": {\"prompt\": \"\"}, \"delivery\": 1}", "tenantId", "input.prompt", "delivery"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badBodyIsA400ProblemNamingTheBadFields(String name, String header, String body, List<String> fields) {
        RequestSpecification request = given().contentType(ContentType.JSON).body(body);
        if (header != null) {
            request.header("Idempotency-Key", header);
        }
        ExtractableResponse<Response> problem = request.post("/v1/jobs").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://genqueue.dev/problems/validation"))
                .body("title", equalTo("Invalid request"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/v1/jobs"))
                .extract();

        assertThat(problem.<List<String>>path("violations.field")).containsExactlyInAnyOrderElementsOf(fields);
        assertThat(problem.<List<String>>path("violations.message")).allSatisfy(m -> assertThat(m).isNotBlank());
        assertLeaksNothing(problem.asString());
        assertThat(db.number("SELECT count(*) FROM job WHERE tenant_id = ?", TENANT)).isZero();
    }

    @org.junit.jupiter.api.Test
    void bodyOverTheLimitIsA413Problem() {
        String huge = body("\"model\": \"nano-banana\"", "{\"prompt\": \"a cat\", \"padding\": \""
                + "x".repeat(300 * 1024) + "\"}");
        String problem = given().contentType(ContentType.JSON).body(huge).post("/v1/jobs").then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://genqueue.dev/problems/payload-too-large"))
                .extract().asString();
        assertLeaksNothing(problem);
    }

    @org.junit.jupiter.api.Test
    void bodyThatIsNotJsonContentIsA415Problem() {
        String problem = given().contentType(ContentType.TEXT).body(Requests.valid("a cat")).post("/v1/jobs").then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("https://genqueue.dev/problems/unsupported-media-type"))
                .body("status", equalTo(415))
                .extract().asString();
        assertLeaksNothing(problem);
    }

    @org.junit.jupiter.api.Test
    void unknownJobIsA404Problem() {
        String id = "0b0c2f4e-7d1a-4e0b-9f3c-5a6b7c8d9e0f";
        String problem = given().get("/v1/jobs/" + id).then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://genqueue.dev/problems/not-found"))
                .body("instance", equalTo("/v1/jobs/" + id))
                .extract().asString();
        assertLeaksNothing(problem);
    }

    @org.junit.jupiter.api.Test
    void malformedJobIdIsA400ProblemNamingTheId() {
        for (String id : List.of("not-a-uuid", "1-2-3-4-5", "0b0c2f4e7d1a4e0b9f3c5a6b7c8d9e0f")) {
            String problem = given().get("/v1/jobs/" + id).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo("id"))
                    .extract().asString();
            assertLeaksNothing(problem);
        }
    }

    @org.junit.jupiter.api.Test
    void lookupWithoutItsParametersIsA400ProblemNamingThem() {
        ExtractableResponse<Response> problem = given().get("/v1/jobs").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .extract();
        assertThat(problem.<List<String>>path("violations.field")).containsExactlyInAnyOrder("tenantId", "requestId");
    }

    @org.junit.jupiter.api.Test
    void unknownPathIsA404Problem() {
        String problem = given().get("/v1/nothing-here").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://genqueue.dev/problems/not-found"))
                .extract().asString();
        assertLeaksNothing(problem);
    }

    @org.junit.jupiter.api.Test
    void unsupportedMethodIsA405Problem() {
        String problem = given().delete("/v1/jobs").then()
                .statusCode(405)
                .contentType("application/problem+json")
                .body("type", equalTo("https://genqueue.dev/problems/method-not-allowed"))
                .extract().asString();
        assertLeaksNothing(problem);
    }

    private static void assertLeaksNothing(String problem) {
        assertThat(problem).doesNotContain("Exception").doesNotContain("at dev.").doesNotContain("at io.")
                .doesNotContain("jackson").doesNotContain("java.");
    }

    private static Arguments bad(String name, String header, String body, String... fields) {
        return Arguments.of(name, header, body, List.of(fields));
    }

    private static String body(String fields, String input) {
        return "{\"tenantId\": \"" + TENANT + "\", " + fields + ", \"input\": " + input + "}";
    }

    private static String prompt(String prompt) {
        return "{\"prompt\": \"" + prompt + "\"}";
    }
}
