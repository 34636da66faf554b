package dev.genqueue.apixo.simulator.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * A submitted {@code input} object together with the resolved mode and provider, as the catalogue's
 * rules, prices and timings read it.
 *
 * @param input    the request's {@code input} object
 * @param mode     the effective {@code input.mode}
 * @param provider the effective routing strategy ({@code auto}, {@code value} or {@code official})
 */
public record ModelInput(ObjectNode input, String mode, String provider) {

    /** The field, or null when absent or JSON null. */
    public JsonNode field(String name) {
        JsonNode node = input.get(name);
        return node == null || node.isNull() ? null : node;
    }

    /** Whether the field is present and not null. */
    public boolean has(String name) {
        return field(name) != null;
    }

    /** A textual field in lower case, or the fallback. */
    public String lowerText(String name, String fallback) {
        JsonNode node = field(name);
        return node != null && node.isValueNode() ? node.asText().toLowerCase(Locale.ROOT) : fallback;
    }

    /** An integer field (numbers or numeric strings, as older pages send), or the fallback. */
    public int integer(String name, int fallback) {
        JsonNode node = field(name);
        if (node == null) {
            return fallback;
        }
        if (node.canConvertToInt() && node.isIntegralNumber()) {
            return node.intValue();
        }
        try {
            return Integer.parseInt(node.asText().trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Number of elements of an array field (0 when absent). */
    public int count(String name) {
        JsonNode node = field(name);
        return node != null && node.isArray() ? node.size() : 0;
    }
}
