package dev.genqueue.common.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A generation request, schema v1: the same JSON on the REST door ({@code POST /v1/jobs}) and on the
 * request topic {@link Topics#REQUESTS}. Build instances through {@code RequestValidator}, which
 * normalises the input (trimmed prompt, default mode).
 *
 * @param requestId idempotency key: one job per {@code (tenantId, requestId)}, whichever door it comes through
 * @param tenantId  the tenant or user the job belongs to
 * @param projectId optional grouping for cost tracking
 * @param model     APIXO model id from the catalogue
 * @param input     the model's {@code input} object, passed through to APIXO
 * @param delivery  polling or callback; {@code null} means the deployment default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerationRequest(
        String requestId,
        String tenantId,
        String projectId,
        String model,
        ObjectNode input,
        DeliveryMode delivery) {

    /** The prompt after normalisation, or {@code null} for modes that take none. */
    public String prompt() {
        return input.hasNonNull("prompt") ? input.get("prompt").asText() : null;
    }

    /** The {@code input.mode} after normalisation. */
    public String mode() {
        return input.path("mode").asText();
    }
}
