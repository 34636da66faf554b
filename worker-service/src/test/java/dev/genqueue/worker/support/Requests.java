package dev.genqueue.worker.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.common.contract.Json;

/** Request JSON as producers write it. */
public final class Requests {

    private Requests() {
    }

    /** {@code {"requestId", "tenantId", "model", "input": {"prompt"}}}. */
    public static String json(String requestId, String tenantId, String model, String prompt) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("requestId", requestId);
        body.put("tenantId", tenantId);
        body.put("model", model);
        body.putObject("input").put("prompt", prompt);
        return body.toString();
    }
}
