package dev.genqueue.system;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.common.contract.Json;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** Valid generation requests over a mix of image, video and audio models, in the contract's JSON. */
final class Requests {

    /** Model id and the input fields it needs besides the prompt. */
    private record Template(String model, Consumer<ObjectNode> input) {
    }

    private static final List<Template> MIX = List.of(
            new Template("nano-banana", input -> { }),
            new Template("flux-2", input -> input.put("mode", "pro-text-to-image")),
            new Template("seedream-4-5", input -> { }),
            new Template("grok-image", input -> { }),
            new Template("veo-3-1", input -> input.put("mode", "fast")),
            new Template("wan-2-5", input -> input.put("duration", 5)),
            new Template("kling-2-5-turbo-pro", input -> { }),
            new Template("suno", input -> input.put("customMode", false)));

    private final String tenantId;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);

    Requests(String tenantId) {
        this.tenantId = tenantId;
    }

    String tenantId() {
        return tenantId;
    }

    /** The {@code n}-th request of a door; models rotate through the mix. */
    ObjectNode valid(String door, int n) {
        Template template = MIX.get(n % MIX.size());
        ObjectNode input = Json.mapper().createObjectNode();
        input.put("prompt", "  " + template.model() + " test " + door + " " + n + ": a lighthouse at dawn  ");
        template.input().accept(input);
        ObjectNode request = Json.mapper().createObjectNode();
        request.put("requestId", requestId(door, n));
        request.put("tenantId", tenantId);
        request.put("projectId", "system-test");
        request.put("model", template.model());
        request.set("input", input);
        return request;
    }

    String requestId(String door, int n) {
        return door + "-" + runId + "-" + n;
    }

    /** How many models the mix rotates through, e.g. to check every one was used. */
    static int modelCount() {
        return MIX.size();
    }
}
