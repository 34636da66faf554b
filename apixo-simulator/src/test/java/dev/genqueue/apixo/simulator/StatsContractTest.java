package dev.genqueue.apixo.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the stats count, programmatically and through {@code GET /_sim/stats}. */
class StatsContractTest {

    private static final String FOX = "{\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"a fox\"}}";
    // same request with fields in another order: must give the same fingerprint
    private static final String FOX_REORDERED = "{\"input\":{\"prompt\":\"a fox\",\"mode\":\"text-to-image\"}}";

    private ApixoSimulator simulator;
    private ApiClient alice;
    private ApiClient bob;

    @BeforeEach
    void start() {
        simulator = ApixoSimulator.start(SimulatorConfig.builder()
                .timeFactor(0)
                .controlApiEnabled(true)
                .apiKey("alice-key", Plan.UNLIMITED, new BigDecimal("10"))
                .apiKey("bob-key", Plan.custom(3, 10), new BigDecimal("10"))
                .build());
        alice = new ApiClient(simulator.baseUrl(), "alice-key");
        bob = new ApiClient(simulator.baseUrl(), "bob-key");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void countsCallsStatusesFingerprintsTasksAndMoney() {
        String first = alice.submit("nano-banana", FOX).taskId();
        alice.submit("nano-banana", FOX_REORDERED);
        alice.submit("nano-banana", "{\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"an owl #sim:fail=NSFW\"}}");
        for (int i = 0; i < 3; i++) {
            alice.status("nano-banana", first);
        }
        alice.balance();
        bob.balance();
        bob.balance();
        bob.balance();
        bob.balance();
        alice.withKey("intruder").balance();

        SimulatorStats stats = simulator.stats();

        assertThat(stats.calls("alice-key", "submit")).isEqualTo(3);
        assertThat(stats.calls("alice-key", "status")).isEqualTo(3);
        assertThat(stats.calls("alice-key", "balance")).isEqualTo(1);
        assertThat(stats.calls("bob-key", "balance")).isEqualTo(4);
        assertThat(stats.calls(SimulatorStats.UNAUTHENTICATED, "balance")).isEqualTo(1);
        assertThat(stats.calls("balance")).isEqualTo(6);
        assertThat(stats.responses(200)).isEqualTo(10);
        assertThat(stats.responses(429)).isEqualTo(1);
        assertThat(stats.responses(401)).isEqualTo(1);
        assertThat(stats.rateLimited()).isEqualTo(1);
        assertThat(stats.submitsByFingerprint()).hasSize(2).containsValue(2L);
        assertThat(stats.duplicateSubmits()).isEqualTo(1);
        assertThat(stats.tasks().get(first).statusCalls()).isEqualTo(3);
        assertThat(stats.tasks().get(first).apiKey()).isEqualTo("alice-key");
        assertThat(stats.tasksByState()).containsEntry("success", 2L).containsEntry("failed", 1L);
        assertThat(stats.keys().get("alice-key").charged()).isEqualByComparingTo("0.09");
        assertThat(stats.keys().get("alice-key").refunded()).isEqualByComparingTo("0.03");
        assertThat(stats.keys().get("alice-key").balance()).isEqualByComparingTo("9.94");
        assertThat(stats.keys().get("bob-key").requestsInWindow()).isEqualTo(3);
    }

    @Test
    void httpStatsMatchTheProgrammaticSnapshot() throws Exception {
        String taskId = alice.submit("nano-banana", FOX).taskId();
        alice.status("nano-banana", taskId);

        HttpResponse<byte[]> answer = alice.plain("GET", "/_sim/stats", null);
        JsonNode json = ApiClient.JSON.readTree(answer.body());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json.at("/callsByKey/alice-key/submit").asLong()).isEqualTo(1);
        assertThat(json.at("/tasks/" + taskId + "/statusCalls").asLong()).isEqualTo(1);
        assertThat(json.at("/keys/alice-key/balance").decimalValue()).isEqualByComparingTo("9.97");
        assertThat(json.at("/tasksByState/success").asLong()).isEqualTo(1);
        JsonNode withoutTasks = ApiClient.JSON.readTree(alice.plain("GET", "/_sim/stats?tasks=false", null).body());
        assertThat(withoutTasks.get("tasks").size()).isZero();
    }

    @Test
    void theSameRequestWithAnotherCallbackUrlCountsAsADuplicateSubmit() {
        alice.submit("nano-banana", FOX);
        alice.submit("nano-banana", "{\"request_type\":\"callback\",\"callback_url\":\"http://127.0.0.1:9/a/1\","
                + "\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"a fox\"}}");
        alice.submit("nano-banana", "{\"request_type\":\"callback\",\"callback_url\":\"http://127.0.0.1:9/a/2\","
                + "\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"an owl\"}}");

        SimulatorStats stats = simulator.stats();

        assertThat(stats.submitsByFingerprint()).hasSize(2).containsValue(2L);
        assertThat(stats.duplicateSubmits()).isEqualTo(1);
    }

    @Test
    void resetZeroesCountersButKeepsTasksAndBalances() {
        String taskId = alice.submit("nano-banana", FOX).taskId();
        alice.status("nano-banana", taskId);

        simulator.control().resetStats();

        SimulatorStats stats = simulator.stats();
        assertThat(stats.callsByKey()).isEmpty();
        assertThat(stats.responsesByStatus()).isEmpty();
        assertThat(stats.submitsByFingerprint()).isEmpty();
        assertThat(stats.tasks().get(taskId).statusCalls()).isZero();
        assertThat(stats.keys().get("alice-key").charged()).isEqualByComparingTo("0");
        assertThat(stats.keys().get("alice-key").balance()).isEqualByComparingTo("9.97");
        assertThat(alice.status("nano-banana", taskId).status()).isEqualTo(200);
    }
}
