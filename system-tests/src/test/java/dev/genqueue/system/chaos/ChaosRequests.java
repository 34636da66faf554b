package dev.genqueue.system.chaos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.common.contract.Json;
import java.util.List;
import java.util.function.Consumer;

/**
 * The chaos load's requests: the {@code n}-th request of a tenant has a fixed door (REST or Kafka), delivery
 * mode (polling or callback) and model (image, video and audio models rotate), and a prompt naming its
 * request id, so every job's APIXO request body is unique and its submits can be counted by fingerprint.
 */
final class ChaosRequests {

    /** How a request reaches genqueue. */
    enum Door { REST, KAFKA }

    /** One model of the mix and the input fields it needs besides the prompt. */
    private record Template(String model, Consumer<ObjectNode> input) {
    }

    private static final List<Template> MIX = List.of(
            new Template("nano-banana", input -> { }),
            new Template("seedream-4-5", input -> { }),
            new Template("wan-2-5", input -> input.put("duration", 5)),
            new Template("flux-2", input -> input.put("mode", "pro-text-to-image")),
            new Template("suno", input -> input.put("customMode", false)),
            new Template("grok-image", input -> { }),
            new Template("veo-3-1", input -> input.put("mode", "fast")));

    private final String tenantId;

    ChaosRequests(String tenantId) {
        this.tenantId = tenantId;
    }

    String tenantId() {
        return tenantId;
    }

    String requestId(int n) {
        return tenantId + "-" + n;
    }

    /** Even requests come through REST, odd ones through Kafka. */
    static Door door(int n) {
        return n % 2 == 0 ? Door.REST : Door.KAFKA;
    }

    /** Half of each door's requests ask for callbacks. */
    static String delivery(int n) {
        return (n / 2) % 2 == 0 ? "polling" : "callback";
    }

    /** Every tenth request is sent twice at once through its own door. */
    static boolean sentTwice(int n) {
        return n % 10 == 3 || n % 10 == 4;
    }

    /** Every tenth request of the REST door also arrives through Kafka at the same time. */
    static boolean sentThroughBothDoors(int n) {
        return n % 10 == 6;
    }

    /** Some REST requests carry their key in the {@code Idempotency-Key} header instead of the body. */
    static boolean keyInHeader(int n) {
        return n % 20 == 8;
    }

    ObjectNode request(int n) {
        Template template = MIX.get(n % MIX.size());
        ObjectNode input = Json.mapper().createObjectNode();
        input.put("prompt", "chaos " + requestId(n) + ": a lighthouse in a storm");
        template.input().accept(input);
        ObjectNode request = Json.mapper().createObjectNode();
        request.put("requestId", requestId(n));
        request.put("tenantId", tenantId);
        request.put("projectId", "chaos");
        request.put("model", template.model());
        request.put("delivery", delivery(n));
        request.set("input", input);
        return request;
    }
}
