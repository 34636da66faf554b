package dev.genqueue.api.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.genqueue.common.contract.Json;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a callback body as APIXO's status envelope {@code {code, message, data: {taskId, state, …}}}. Only
 * the shape is checked: the content is an untrusted hint that a worker confirms with a status query.
 */
final class CallbackBody {

    private static final ObjectReader READER = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private CallbackBody() {
    }

    /** The envelope, or why the body is not one. */
    static Parsed parse(byte[] body) {
        if (body == null || body.length == 0) {
            return Parsed.invalid("empty body");
        }
        JsonNode envelope;
        try {
            envelope = READER.readTree(body);
        } catch (JsonProcessingException e) {
            return Parsed.invalid("body is not JSON");
        } catch (IOException e) {
            return Parsed.invalid("body could not be read");
        }
        if (envelope == null || !envelope.isObject()) {
            return Parsed.invalid("body is not a JSON object");
        }
        JsonNode data = envelope.get("data");
        if (data == null || !data.isObject()) {
            return Parsed.invalid("body has no data object");
        }
        if (holdsNul(envelope)) {
            // jsonb cannot store U+0000, and no genuine APIXO callback carries one
            return Parsed.invalid("body contains NUL characters");
        }
        return new Parsed(envelope.toString(), text(data, "taskId"), text(data, "state"), null);
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static boolean holdsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.asText().indexOf('\u0000') >= 0;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().indexOf('\u0000') >= 0 || holdsNul(field.getValue())) {
                return true;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (holdsNul(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A callback body: the envelope as JSON text with its task id and state, or the problem that makes it none.
     *
     * @param problem {@code null} for an envelope
     */
    record Parsed(String json, String taskId, String state, String problem) {

        static Parsed invalid(String problem) {
            return new Parsed(null, null, null, problem);
        }

        boolean isValid() {
            return problem == null;
        }
    }
}
