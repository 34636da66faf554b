package dev.genqueue.apixo.simulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.apixo.simulator.api.Envelope;
import dev.genqueue.apixo.simulator.fault.CallbackFault;
import dev.genqueue.apixo.simulator.fault.Endpoint;
import dev.genqueue.apixo.simulator.fault.FaultEffect;
import dev.genqueue.apixo.simulator.fault.FaultRule;
import java.time.Duration;
import java.util.Locale;

/**
 * JSON form of a fault rule for {@code POST /_sim/faults}, e.g.
 * {@code {"endpoint":"status","taskId":"task_…","times":3,"effect":{"type":"http","status":503}}}.
 */
final class FaultRuleJson {

    private FaultRuleJson() {
    }

    static FaultRule parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a fault rule must be a JSON object");
        }
        Endpoint endpoint = Endpoint.parse(text(json, "endpoint", "any"));
        FaultRule.Builder rule = FaultRule.on(endpoint)
                .forKey(text(json, "key", null))
                .forModel(text(json, "model", null))
                .forTask(text(json, "taskId", null))
                .times(json.path("times").asInt(0));
        if (json.hasNonNull("lifetimeMs")) {
            rule.during(Duration.ofMillis(json.get("lifetimeMs").asLong()));
        }
        return rule.then(effect(json.get("effect")));
    }

    static FaultEffect effect(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("effect must be an object with a type");
        }
        String type = text(json, "type", "").toLowerCase(Locale.ROOT);
        return switch (type) {
            case "http" -> new FaultEffect.HttpError(json.path("status").asInt(0));
            case "delay" -> new FaultEffect.SlowResponse(Duration.ofMillis(json.path("delayMs").asLong(0)));
            case "drop" -> new FaultEffect.DropConnection(json.path("afterProcessing").asBoolean(false));
            case "fail" -> new FaultEffect.FailTask(text(json, "failCode", null), text(json, "failMsg", null));
            case "never-finish" -> new FaultEffect.NeverFinish();
            case "duration" -> new FaultEffect.FixedDuration(Duration.ofMillis(json.path("durationMs").asLong(0)));
            case "callback" -> new FaultEffect.Callback(callback(json));
            default -> throw new IllegalArgumentException(
                    "effect.type must be http, delay, drop, fail, never-finish, duration or callback");
        };
    }

    private static CallbackFault callback(JsonNode json) {
        String mode = text(json, "mode", "").toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "drop" -> CallbackFault.drop();
            case "dup", "duplicate" -> CallbackFault.duplicate(json.path("copies").asInt(2));
            case "delay" -> CallbackFault.delay(Duration.ofMillis(json.path("delayMs").asLong(0)));
            case "stale" -> CallbackFault.stale();
            default -> throw new IllegalArgumentException("callback mode must be drop, dup, delay or stale");
        };
    }

    static ObjectNode render(long id, FaultRule rule) {
        ObjectNode json = Envelope.MAPPER.createObjectNode();
        json.put("id", id);
        json.put("endpoint", rule.endpoint().label());
        json.put("key", rule.apiKey());
        json.put("model", rule.model());
        json.put("taskId", rule.taskId());
        json.put("times", rule.times());
        json.put("effect", rule.effect().toString());
        return json;
    }

    private static String text(JsonNode json, String field, String fallback) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }
}
