package dev.genqueue.api.job.held;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.genqueue.common.contract.ResultEvent;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** HELD jobs resolved over REST against the real job store. */
@QuarkusTest
class HeldJobResourceTest {

    private static final String PATH = "/v1/held-jobs/resolve";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aDryRunListsTheJobsAndChangesNothing() {
        UUID job = held("nano-banana", "1 minute");
        long version = number("SELECT version FROM job WHERE id = '" + job + "'");

        given().contentType(ContentType.JSON)
                .body(Map.of("action", "resubmit", "reason", "checking", "ids", List.of(job.toString()), "dryRun", true))
                .post(PATH).then().statusCode(200)
                .body("dryRun", equalTo(true)).body("count", equalTo(1))
                .body("jobs[0].jobId", equalTo(job.toString())).body("jobs[0].outcome", equalTo("would-resubmit"));

        assertThat(text("SELECT status FROM job WHERE id = '" + job + "'")).isEqualTo("HELD");
        assertThat(number("SELECT version FROM job WHERE id = '" + job + "'")).isEqualTo(version);
        assertThat(number("SELECT count(*) FROM job_transition WHERE job_id = '" + job + "'")).isZero();
    }

    @Test
    void resubmitByIdQueuesTheJobDueNowWithTheReasonInItsHistory() {
        UUID job = held("nano-banana", "1 minute");
        UUID other = held("nano-banana", "1 minute");

        given().contentType(ContentType.JSON)
                .body(Map.of("action", "resubmit", "reason", "APIXO shows no task for attempt 1",
                        "ids", List.of(job.toString())))
                .post(PATH).then().statusCode(200)
                .body("count", equalTo(1)).body("jobs[0].outcome", equalTo("resubmitted"));

        assertThat(text("SELECT status FROM job WHERE id = '" + job + "'")).isEqualTo("QUEUED");
        assertThat(number("SELECT count(*) FROM job WHERE id = '" + job + "' AND next_run_at <= now()"
                + " AND lease_owner IS NULL")).isEqualTo(1);
        assertThat(text("SELECT from_status || '>' || to_status || ': ' || reason FROM job_transition WHERE job_id = '"
                + job + "'")).isEqualTo("HELD>QUEUED: resubmitted by an operator: APIXO shows no task for attempt 1");
        assertThat(text("SELECT status FROM job WHERE id = '" + other + "'")).isEqualTo("HELD");

        // a second call finds nothing held: resolving is idempotent
        given().contentType(ContentType.JSON)
                .body(Map.of("action", "resubmit", "reason", "again", "ids", List.of(job.toString())))
                .post(PATH).then().statusCode(200).body("count", equalTo(0));
    }

    @Test
    void failByFilterFailsOnlyMatchingJobsAndEmitsTheirResultEvent() {
        String model = "held-model-" + UUID.randomUUID();
        UUID old = held(model, "2 hours");
        UUID recent = held(model, "1 minute");
        UUID otherModel = held("nano-banana", "2 hours");

        Response answer = given().contentType(ContentType.JSON)
                .body(Map.of("action", "fail", "reason", "task found failed on APIXO", "model", model,
                        "heldBefore", java.time.Instant.now().minusSeconds(3600).toString()))
                .post(PATH);

        answer.then().statusCode(200).body("count", equalTo(1)).body("jobs[0].jobId", equalTo(old.toString()))
                .body("jobs[0].outcome", equalTo("failed")).body("remaining", equalTo(0));
        assertThat(text("SELECT status || ' ' || fail_code || ' ' || fail_msg FROM job WHERE id = '" + old + "'"))
                .isEqualTo("FAILED HELD_FAILED task found failed on APIXO");
        assertThat(number("SELECT count(*) FROM outbox WHERE event_id = '" + ResultEvent.idFor(old) + "'"
                + " AND payload LIKE '%\"status\":\"failed\"%'")).isEqualTo(1);
        assertThat(text("SELECT status FROM job WHERE id = '" + recent + "'")).isEqualTo("HELD");
        assertThat(text("SELECT status FROM job WHERE id = '" + otherModel + "'")).isEqualTo("HELD");
    }

    @Test
    void badInputIsAProblemNamingEachField() {
        given().contentType(ContentType.JSON).body("{\"action\": \"delete\", \"ids\": [\"nope\"], \"model\": \"x\"}")
                .post(PATH).then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("action", "reason", "ids[0]", "ids"));
        given().contentType(ContentType.JSON).body("{\"action\": \"fail\", \"reason\": \"why\"}")
                .post(PATH).then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"action\": \"fail\", \"action\": \"fail\"}")
                .post(PATH).then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("not json")
                .post(PATH).then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(Map.of("action", "fail", "reason", "x", "heldBefore", "yesterday", "limit", 0))
                .post(PATH).then().statusCode(400).body("violations.field", hasItems("heldBefore", "limit"));
    }

    private UUID held(String model, String age) {
        UUID id = UUID.randomUUID();
        execute("""
                INSERT INTO job (id, tenant_id, request_id, request_fingerprint, model, input, delivery, source, status,
                                 attempts, next_run_at, version, accepted_at, updated_at)
                VALUES ('%s', 'held-tenant', 'held-%s', 'test', '%s', '{"prompt": "held"}'::jsonb, 'POLLING', 'REST',
                        'HELD', 1, NULL, 5, now() - interval '%s', now() - interval '%s')
                """.formatted(id, id, model, age, age));
        return id;
    }

    private void execute(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long number(String sql) {
        return Long.parseLong(text(sql));
    }

    private String text(String sql) {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql);
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(values).hasSize(1);
        return values.get(0);
    }
}
