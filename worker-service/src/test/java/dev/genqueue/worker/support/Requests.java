package dev.genqueue.worker.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.common.contract.Json;

/** Request JSON as producers write it. */
public final class Requests {

    private Requests() {
    }

    /** {@code {"requestId", "tenantId", "model", "input": {"prompt"}}}. */
    public static String json(String requestId, String tenantId, String model, String prompt) {
        return json(requestId, tenantId, model, prompt, null);
    }

    /** The same with {@code "delivery"} ({@code polling} or {@code callback}; {@code null} for the default). */
    public static String json(String requestId, String tenantId, String model, String prompt, String delivery) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("requestId", requestId);
        body.put("tenantId", tenantId);
        body.put("model", model);
        body.putObject("input").put("prompt", prompt);
        if (delivery != null) {
            body.put("delivery", delivery);
        }
        return body.toString();
    }
}
