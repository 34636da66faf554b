package dev.genqueue.common.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class RequestFingerprintTest {

    private static GenerationRequest request(String requestId, ObjectNode input) {
        return new GenerationRequest(requestId, "acme", null, "nano-banana", input, null);
    }

    @Test
    void ignoresKeyOrderAndTheIdempotencyKey() throws Exception {
        ObjectNode a = (ObjectNode) Json.mapper().readTree("{\"prompt\":\"cat\",\"mode\":\"text-to-image\",\"x\":{\"b\":1,\"a\":2}}");
        ObjectNode b = (ObjectNode) Json.mapper().readTree("{\"x\":{\"a\":2,\"b\":1},\"mode\":\"text-to-image\",\"prompt\":\"cat\"}");

        assertThat(RequestFingerprint.of(request("r1", a))).isEqualTo(RequestFingerprint.of(request("r2", b)));
    }

    @Test
    void differsWhenTheGenerationDiffers() throws Exception {
        ObjectNode cat = (ObjectNode) Json.mapper().readTree("{\"prompt\":\"cat\"}");
        ObjectNode dog = (ObjectNode) Json.mapper().readTree("{\"prompt\":\"dog\"}");

        assertThat(RequestFingerprint.of(request("r", cat))).isNotEqualTo(RequestFingerprint.of(request("r", dog)))
                .hasSize(64);
    }
}
