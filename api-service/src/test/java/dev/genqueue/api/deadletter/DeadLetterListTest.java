package dev.genqueue.api.deadletter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.genqueue.common.job.JobStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeadLetterListTest {

    @Inject
    DeadLetterRecords records;

    @Test
    void pagesWalkEveryMatchNewestFirstWithoutRepeats() {
        Instant day = DeadLetterRecords.window();
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(records.intake("{}", "bad " + i, day.plus(Duration.ofMinutes(i))));
        }

        JsonPath page = given().queryParams(Map.of("limit", 2, "from", day.toString(), "to", day.plus(Duration.ofDays(1)).toString()))
                .get("/v1/dead-letters").then().statusCode(200).extract().jsonPath();
        List<String> seen = new ArrayList<>(page.getList("items.id"));
        int pages = 1;
        while (page.getString("next") != null) {
            // the next link is a ready, encoded URL: followed as is
            page = given().urlEncodingEnabled(false).get(page.getString("next")).then().statusCode(200).extract()
                    .jsonPath();
            seen.addAll(page.getList("items.id"));
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly(created.get(4).toString(), created.get(3).toString(),
                created.get(2).toString(), created.get(1).toString(), created.get(0).toString());
    }

    @Test
    void itemShowsWhereTheRecordCameFromAndWhy() {
        String tag = DeadLetterRecords.tag();
        UUID id = records.intake("{\"model\": 1}", "model: must be a string " + tag);

        JsonPath list = given().queryParam("reason", tag).get("/v1/dead-letters").then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].id", equalTo(id.toString()))
                .body("items[0].kind", equalTo("intake"))
                .body("items[0].reason", equalTo("model: must be a string " + tag))
                .body("items[0].source.topic", equalTo("genqueue.requests.v1"))
                .body("items[0].source.partition", equalTo(0))
                .body("items[0].payload", equalTo("{\"model\": 1}"))
                .body("items[0].payloadBytes", equalTo(12))
                .body("items[0].payloadTruncated", equalTo(false))
                .body("items[0].redriveCount", equalTo(0))
                .body("items[0].redrivenAt", nullValue())
                .body("items[0].createdAt", notNullValue())
                .body("items[0].links.self", equalTo("/v1/dead-letters/" + id))
                .body("items[0].links.redrive", equalTo("/v1/dead-letters/" + id + "/redrive"))
                .body("nextCursor", nullValue())
                .extract().jsonPath();
        assertThat(list.getString("items[0].source.key")).isEqualTo("key-" + list.getLong("items[0].source.offset"));
    }

    @Test
    void filtersCombineKindReasonAndRedrivenState() {
        String tag = DeadLetterRecords.tag();
        UUID intake = records.intake("{}", "first " + tag);
        UUID job = records.exhaustedJob(records.job("req-" + UUID.randomUUID(), JobStatus.FAILED),
                "retries exhausted " + tag.toUpperCase());

        assertThat(ids("reason=" + tag)).containsExactlyInAnyOrder(intake.toString(), job.toString());
        assertThat(ids("reason=" + tag + "&kind=intake")).containsExactly(intake.toString());
        assertThat(ids("reason=" + tag + "&kind=JOB")).containsExactly(job.toString());
        assertThat(ids("reason=" + tag + "&redriven=false")).hasSize(2);
        assertThat(ids("reason=" + tag + "&redriven=true")).isEmpty();
        given().get("/v1/dead-letters/" + job).then().statusCode(200)
                .body("source", nullValue())
                .body("links.job", startsWith("/v1/jobs/"));
    }

    @Test
    void timeWindowIncludesItsStartAndExcludesItsEnd() {
        Instant day = DeadLetterRecords.window();
        UUID atStart = records.intake("{}", "w", day);
        UUID inside = records.intake("{}", "w", day.plusSeconds(60));
        records.intake("{}", "w", day.plusSeconds(120));

        assertThat(ids(Map.of("from", day.toString(), "to", day.plusSeconds(120).toString())))
                .containsExactly(inside.toString(), atStart.toString());
        // an offset form names the same instant
        assertThat(ids(Map.of("from", day.plusSeconds(1).toString().replace("Z", "+00:00"),
                "to", day.plusSeconds(61).toString()))).containsExactly(inside.toString());
    }

    @Test
    void largePayloadIsListedAsAPreviewAndShownWholeOnItsOwn() {
        String tag = DeadLetterRecords.tag();
        String payload = "{\"input\": \"" + "é".repeat(3000) + "\"}";
        UUID id = records.intake(payload, "too large " + tag);

        given().queryParam("reason", tag).get("/v1/dead-letters").then()
                .statusCode(200)
                .body("items[0].payloadTruncated", equalTo(true))
                .body("items[0].payload.length()", equalTo(2048))
                .body("items[0].payloadBytes", equalTo(payload.getBytes(StandardCharsets.UTF_8).length));
        given().get("/v1/dead-letters/" + id).then()
                .statusCode(200)
                .body("payloadTruncated", equalTo(false))
                .body("payload", equalTo(payload));
    }

    @Test
    void badParametersAreNamedInOneProblem() {
        given().queryParams(Map.of("kind", "poison", "limit", "0", "from", "yesterday", "redriven", "maybe",
                        "cursor", "xyz", "reason", " "))
                .get("/v1/dead-letters").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://genqueue.dev/problems/validation"))
                .body("violations.field", hasItems("kind", "limit", "from", "redriven", "cursor", "reason"));
        given().get("/v1/dead-letters?from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z").then().statusCode(400)
                .body("violations.field", hasItems("to"));
        given().get("/v1/dead-letters?limit=501").then().statusCode(400);
    }

    @Test
    void unknownIdIs404AndAMalformedOne400() {
        given().get("/v1/dead-letters/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://genqueue.dev/problems/not-found"));
        given().get("/v1/dead-letters/1-2-3-4-5").then().statusCode(400)
                .body("violations[0].field", equalTo("id"));
    }

    private static List<String> ids(String query) {
        return given().get("/v1/dead-letters?" + query).then().statusCode(200).extract().jsonPath()
                .getList("items.id");
    }

    private static List<String> ids(Map<String, Object> query) {
        return given().queryParams(query).get("/v1/dead-letters").then().statusCode(200).extract().jsonPath()
                .getList("items.id");
    }
}
