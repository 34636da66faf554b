package dev.genqueue.worker.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.common.contract.Json;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CostEstimatorTest {

    @Test
    void pricesPerTaskPerImageAndPerSecond() {
        assertThat(CostEstimator.estimate("sora-2", input())).contains(new BigDecimal("0.1500"));
        assertThat(CostEstimator.estimate("nano-banana", input())).contains(new BigDecimal("0.0300"));
        assertThat(CostEstimator.estimate("gpt-image-1", input().put("num_images", 4)))
                .contains(new BigDecimal("0.1400"));
        assertThat(CostEstimator.estimate("seedream-4-5", input().put("max_images", "3")))
                .contains(new BigDecimal("0.1200"));
        assertThat(CostEstimator.estimate("wan-2-5", input().put("duration", 10))).contains(new BigDecimal("0.8000"));
        assertThat(CostEstimator.estimate("wan-2-5", input())).contains(new BigDecimal("0.4000"));
    }

    @Test
    void unknownPricesAndModelsHaveNoEstimate() {
        assertThat(CostEstimator.estimate("kling-2-6", input())).isEmpty();
        assertThat(CostEstimator.estimate("no-such-model", input())).isEmpty();
    }

    @Test
    void unreadableUnitsFallBackToTheDefaults() {
        assertThat(CostEstimator.estimate("gpt-image-1", input().put("num_images", "lots")))
                .contains(new BigDecimal("0.0350"));
        assertThat(CostEstimator.estimate("wan-2-5", input().put("duration", -5))).contains(new BigDecimal("0.4000"));
    }

    private static ObjectNode input() {
        return Json.mapper().createObjectNode().put("prompt", "x");
    }
}
