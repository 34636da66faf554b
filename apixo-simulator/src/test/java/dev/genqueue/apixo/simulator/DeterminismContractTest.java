package dev.genqueue.apixo.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same seed and the same requests give the same task ids, durations and outcomes. */
class DeterminismContractTest {

    /** What a run observed for one task: id, processing time and outcome. */
    private record Observed(String taskId, long costTime, String state, String failCode) {
    }

    @Test
    void sameSeedReproducesIdsDurationsAndOutcomes() {
        List<Observed> first = run(1234L);
        List<Observed> second = run(1234L);

        assertThat(second).isEqualTo(first);
        assertThat(first).extracting(Observed::state).contains("success", "failed");
        assertThat(first.stream().map(Observed::costTime).distinct().count()).isGreaterThan(1);
    }

    @Test
    void anotherSeedGivesOtherDraws() {
        assertThat(run(1L)).isNotEqualTo(run(2L));
    }

    // costTime scales simulated seconds by 0.01 (10-15 s -> 100-150 ms), distinct enough to compare draws
    private static List<Observed> run(long seed) {
        try (ApixoSimulator simulator = ApixoSimulator.start(SimulatorConfig.builder().timeFactor(0.01).seed(seed)
                .failureRate(0.5).eventLoops(1).apiKey("seed-key", Plan.UNLIMITED, new BigDecimal("100")).build())) {
            ApiClient client = new ApiClient(simulator.baseUrl(), "seed-key");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ids.add(client.submit("nano-banana", ApiClient.body("text-to-image", "prompt " + i)).taskId());
            }
            List<Observed> observed = new ArrayList<>();
            for (String id : ids) {
                JsonNode data = await().atMost(Duration.ofSeconds(5)).until(() -> client.status("nano-banana", id).data(),
                        d -> d.get("state").asText().equals("success") || d.get("state").asText().equals("failed"));
                long cost = data.get("completeTime").asLong() - data.get("createTime").asLong();
                observed.add(new Observed(id, cost, data.get("state").asText(), data.path("failCode").asText(null)));
            }
            return observed;
        }
    }
}
