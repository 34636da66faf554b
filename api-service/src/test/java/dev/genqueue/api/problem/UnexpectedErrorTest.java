package dev.genqueue.api.problem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UnexpectedErrorTest {

    @Test
    void unexpectedErrorIsAGeneric500ProblemWithAnIncidentIdAndNoInternals() {
        ExtractableResponse<Response> problem = given().get("/test-only/failure").then()
                .statusCode(500)
                .contentType("application/problem+json")
                .body("type", equalTo("https://genqueue.dev/problems/internal"))
                .body("status", equalTo(500))
                .body("instance", equalTo("/test-only/failure"))
                .extract();

        String incident = problem.path("incidentId");
        assertThat(incident).isNotBlank();
        assertThat(problem.<String>path("detail")).contains(incident);
        assertThat(problem.asString()).doesNotContain(FailingResource.INTERNALS).doesNotContain("db-primary")
                .doesNotContain("IllegalState").doesNotContain("Exception").doesNotContain("at dev.");
    }

    @Test
    void aLostDatabaseConnectionIsA503WithRetryAfterAndNoInternals() {
        ExtractableResponse<Response> problem = given().get("/test-only/failure/database-down").then()
                .statusCode(503)
                .header("Retry-After", "1")
                .contentType("application/problem+json")
                .body("type", equalTo("https://genqueue.dev/problems/unavailable"))
                .body("status", equalTo(503))
                .extract();

        assertThat(problem.asString()).doesNotContain("db-primary").doesNotContain("08006")
                .doesNotContain("Exception");
    }
}
