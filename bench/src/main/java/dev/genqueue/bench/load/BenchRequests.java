package dev.genqueue.bench.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.common.contract.DeliveryMode;
import dev.genqueue.common.contract.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Generation requests in the contract's JSON, unique per run: request ids are {@code <tenant>-<n>} and each
 * scenario uses a tenant of its own, so its jobs and result events are told apart from every other's.
 */
public final class BenchRequests {

    /** One model of each poll profile, with the input fields it needs besides the prompt. */
    private static final Map<String, Consumer<ObjectNode>> INPUTS = Map.of(
            "nano-banana", input -> { },
            "flux-2", input -> input.put("mode", "pro-text-to-image"),
            "veo-3-1", input -> input.put("mode", "fast"),
            "suno", input -> input.put("customMode", false));

    private final String runId = UUID.randomUUID().toString().substring(0, 8);

    /** A tenant name unique to this run, e.g. {@code bench-pipeline-1a2b3c4d}. */
    public String tenant(String scenario) {
        return "bench-" + scenario + "-" + runId;
    }

    /**
     * The {@code n}-th request of a tenant.
     *
     * @param directives simulator prompt directives such as {@code #sim:duration=0s}, or empty
     * @param delivery   polling, callback, or {@code null} for the deployment default
     */
    public static Request request(String tenant, int n, String model, String directives, DeliveryMode delivery) {
        Consumer<ObjectNode> fields = INPUTS.get(model);
        if (fields == null) {
            throw new IllegalArgumentException("no request template for model " + model);
        }
        ObjectNode input = Json.mapper().createObjectNode();
        input.put("prompt", "benchmark " + tenant + " " + n + ": a lighthouse at dawn"
                + (directives.isEmpty() ? "" : " " + directives));
        fields.accept(input);
        ObjectNode request = Json.mapper().createObjectNode();
        String requestId = tenant + "-" + n;
        request.put("requestId", requestId);
        request.put("tenantId", tenant);
        request.put("projectId", "bench");
        request.put("model", model);
        request.set("input", input);
        if (delivery != null) {
            request.put("delivery", delivery.wireName());
        }
        return new Request(requestId, model, request.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A request ready to send: its id (the record key) and its JSON. */
    public record Request(String requestId, String model, byte[] json) {
    }
}
