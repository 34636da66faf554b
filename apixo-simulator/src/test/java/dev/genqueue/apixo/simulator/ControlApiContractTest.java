package dev.genqueue.apixo.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code /_sim} control API drives the same faults and accounts as the programmatic control. */
class ControlApiContractTest {

    private static final String IMAGE = "{\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"%s\"}}";

    private ApixoSimulator simulator;
    private ApiClient client;

    @BeforeEach
    void start() {
        simulator = ApixoSimulator.start(SimulatorConfig.builder()
                .timeFactor(0.001)
                .controlApiEnabled(true)
                .apiKey("ctl-key", Plan.UNLIMITED, new BigDecimal("10"))
                .build());
        client = new ApiClient(simulator.baseUrl(), "ctl-key");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void faultRuleAddedOverHttpAppliesThenCanBeListedAndRemoved() throws IOException {
        String taskId = client.submit("nano-banana", IMAGE.formatted("p")).taskId();
        HttpResponse<byte[]> added = client.plain("POST", "/_sim/faults",
                "{\"endpoint\":\"status\",\"taskId\":\"" + taskId + "\",\"times\":1,\"effect\":{\"type\":\"http\",\"status\":503}}");
        assertThat(added.statusCode()).isEqualTo(201);
        long id = ApiClient.JSON.readTree(added.body()).get("id").asLong();
        client.plain("POST", "/_sim/faults", "{\"endpoint\":\"balance\",\"effect\":{\"type\":\"http\",\"status\":500}}");

        assertThat(client.status("nano-banana", taskId).status()).isEqualTo(503);
        assertThat(client.status("nano-banana", taskId).status()).isEqualTo(200);
        JsonNode listed = ApiClient.JSON.readTree(client.plain("GET", "/_sim/faults", null).body());
        assertThat(listed).hasSize(1);
        assertThat(client.balance().status()).isEqualTo(500);
        assertThat(client.plain("DELETE", "/_sim/faults/" + listed.get(0).get("id").asLong(), null).statusCode())
                .isEqualTo(200);
        assertThat(client.balance().status()).isEqualTo(200);
        assertThat(client.plain("DELETE", "/_sim/faults/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void submitFaultRuleForcesAFailCodeOnTheNextTask() {
        client.plain("POST", "/_sim/faults", "{\"endpoint\":\"submit\",\"model\":\"nano-banana\",\"times\":1,"
                + "\"effect\":{\"type\":\"fail\",\"failCode\":\"SensitiveContentDetected\"}}");
        String taskId = client.submit("nano-banana", IMAGE.formatted("p")).taskId();

        JsonNode data = await().atMost(Duration.ofSeconds(3)).until(() -> client.status("nano-banana", taskId).data(),
                d -> d.get("state").asText().equals("failed"));
        assertThat(data.get("failCode").asText()).isEqualTo("SensitiveContentDetected");
    }

    @Test
    void outageOverHttpAnswers503UntilItEnds() {
        assertThat(client.plain("POST", "/_sim/outage", "{\"durationMs\":60000}").statusCode()).isEqualTo(200);
        assertThat(client.balance().status()).isEqualTo(503);

        assertThat(client.plain("DELETE", "/_sim/outage", null).statusCode()).isEqualTo(200);
        assertThat(client.balance().status()).isEqualTo(200);

        // 1500 s simulated x 0.001 = 1.5 s
        client.plain("POST", "/_sim/outage", "{\"durationMs\":1500000,\"scaled\":true}");
        assertThat(client.balance().status()).isEqualTo(503);
        await().atMost(Duration.ofSeconds(5)).until(() -> client.balance().status() == 200);
    }

    @Test
    void keysBalancesAndPlansChangeOverHttp() throws IOException {
        HttpResponse<byte[]> topped = client.plain("POST", "/_sim/keys/ctl-key/balance", "{\"add\":\"5.5\"}");
        assertThat(ApiClient.JSON.readTree(topped.body()).get("balance").decimalValue()).isEqualByComparingTo("15.5");
        client.plain("POST", "/_sim/keys/ctl-key/balance", "{\"set\":\"0\"}");
        assertThat(client.submit("nano-banana", IMAGE.formatted("p")).status()).isEqualTo(402);

        assertThat(client.plain("POST", "/_sim/keys", "{\"key\":\"new-key\",\"plan\":\"free\",\"balance\":\"2\"}").statusCode())
                .isEqualTo(200);
        ApiClient newcomer = client.withKey("new-key");
        assertThat(newcomer.balance().data().decimalValue()).isEqualByComparingTo("2");
        client.plain("PUT", "/_sim/keys/new-key/plan", "{\"requestsPerMinute\":1,\"concurrentTasks\":1}");
        assertThat(newcomer.balance().status()).isEqualTo(200);
        assertThat(newcomer.balance().status()).isEqualTo(429);
        assertThat(simulator.stats().keys().get("new-key").plan()).isEqualTo("custom");
    }

    @Test
    void modelDurationOverHttpChangesProcessingTime() {
        client.plain("PUT", "/_sim/models/nano-banana/duration", "{\"minMs\":600000,\"maxMs\":600000}");
        String taskId = client.submit("nano-banana", IMAGE.formatted("slow")).taskId();

        await().atMost(Duration.ofSeconds(3)).until(() -> client.status("nano-banana", taskId).data().get("state")
                .asText().equals("success"));
        JsonNode data = client.status("nano-banana", taskId).data();
        // 600 s simulated x 0.001 = 600 ms of processing after a 1-3 ms queue
        assertThat(data.get("costTime").asLong()).isBetween(600L, 610L);
    }

    @Test
    void badInputIs400AndUnknownTargetsAre404() {
        assertThat(client.plain("POST", "/_sim/faults", "{nope").statusCode()).isEqualTo(400);
        assertThat(client.plain("POST", "/_sim/faults", "{\"endpoint\":\"status\",\"effect\":{\"type\":\"fail\",\"failCode\":\"X\"}}")
                .statusCode()).isEqualTo(400);
        assertThat(client.plain("POST", "/_sim/keys/nobody/balance", "{\"add\":\"1\"}").statusCode()).isEqualTo(404);
        assertThat(client.plain("PUT", "/_sim/models/dall-e/duration", "{\"minMs\":1}").statusCode()).isEqualTo(404);
    }

    @Test
    void resetClearsFaultsAndOutage() {
        client.plain("POST", "/_sim/faults", "{\"endpoint\":\"any\",\"effect\":{\"type\":\"http\",\"status\":500}}");
        client.plain("POST", "/_sim/outage", "{\"durationMs\":60000}");

        assertThat(client.plain("POST", "/_sim/reset", null).statusCode()).isEqualTo(200);

        assertThat(client.balance().status()).isEqualTo(200);
        assertThat(simulator.stats().responses(500)).isZero();
    }
}
