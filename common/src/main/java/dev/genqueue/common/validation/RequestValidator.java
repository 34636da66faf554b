package dev.genqueue.common.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.common.catalogue.ModelCatalogue;
import dev.genqueue.common.catalogue.ModelSpec;
import dev.genqueue.common.contract.DeliveryMode;
import dev.genqueue.common.contract.GenerationRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The intake rules both doors apply to a raw request body: field types, the catalogue, the model's modes
 * and the prompt rules of APIXO's integration guide (a string, trimmed, 1–5000 characters, or the
 * model's lower limit). Works on the JSON tree so every bad field is named, not just the first.
 */
public final class RequestValidator {

    /** Largest accepted {@code input} object, serialised (UTF-8 bytes). */
    public static final int INPUT_MAX_BYTES = RequestLimits.INPUT_MAX_BYTES;
    /** Most reference URLs accepted in one URL list field. */
    public static final int MAX_URLS = 20;

    private static final Set<String> FIELDS = Set.of("requestId", "tenantId", "projectId", "model", "input", "delivery");
    private static final Set<String> URL_LIST_FIELDS = Set.of("image_urls", "video_urls", "audio_urls");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}");
    private static final int SUNO_DESCRIPTION_MAX = 500;
    // a body of ten thousand unknown fields is answered with the first few, not ten thousand
    private static final int MAX_VIOLATIONS = 20;

    private RequestValidator() {
    }

    /** Validates and normalises one request body. */
    public static ValidationResult validate(JsonNode body) {
        if (body == null || !body.isObject()) {
            return ValidationResult.invalid(List.of(new Violation("", "body must be a JSON object")));
        }
        List<Violation> violations = new ArrayList<>();
        // text PostgreSQL could not store, or a caller could not read back, is refused before any field rule
        Optional<Violation> unstorable = unstorable(body, "", 1);
        if (unstorable.isPresent()) {
            return ValidationResult.invalid(List.of(unstorable.get()));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                violations.add(new Violation(Text.printable(name, 64), "unknown field"));
            }
        }
        String requestId = identifier(body, "requestId", true, violations);
        String tenantId = identifier(body, "tenantId", true, violations);
        String projectId = identifier(body, "projectId", false, violations);
        DeliveryMode delivery = delivery(body, violations);
        Optional<ModelSpec> model = model(body, violations);
        ObjectNode input = input(body, model, violations);
        if (violations.size() > MAX_VIOLATIONS) {
            int more = violations.size() - MAX_VIOLATIONS;
            violations = new ArrayList<>(violations.subList(0, MAX_VIOLATIONS));
            violations.add(new Violation("", "and " + more + " more violations"));
        }
        if (!violations.isEmpty()) {
            return ValidationResult.invalid(violations);
        }
        return ValidationResult.valid(
                new GenerationRequest(requestId, tenantId, projectId, model.get().id(), input, delivery));
    }

    private static String identifier(JsonNode body, String field, boolean required, List<Violation> violations) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                violations.add(new Violation(field, "is required"));
            }
            return null;
        }
        if (!node.isTextual()) {
            violations.add(new Violation(field, "must be a string"));
            return null;
        }
        if (!ID.matcher(node.asText()).matches()) {
            violations.add(new Violation(field,
                    "must be 1-128 characters of letters, digits and . _ : @ / - starting with a letter or digit"));
            return null;
        }
        return node.asText();
    }

    private static DeliveryMode delivery(JsonNode body, List<Violation> violations) {
        JsonNode node = body.get("delivery");
        if (node == null || node.isNull()) {
            return null;
        }
        Optional<DeliveryMode> mode = node.isTextual() ? DeliveryMode.parse(node.asText()) : Optional.empty();
        if (mode.isEmpty()) {
            violations.add(new Violation("delivery", "must be \"polling\" or \"callback\""));
            return null;
        }
        return mode.get();
    }

    private static Optional<ModelSpec> model(JsonNode body, List<Violation> violations) {
        JsonNode node = body.get("model");
        if (node == null || node.isNull()) {
            violations.add(new Violation("model", "is required"));
            return Optional.empty();
        }
        if (!node.isTextual()) {
            violations.add(new Violation("model", "must be a string"));
            return Optional.empty();
        }
        Optional<ModelSpec> spec = ModelCatalogue.find(node.asText());
        if (spec.isEmpty()) {
            violations.add(new Violation("model", "unknown model \"" + Text.printable(node.asText(), 64) + "\""));
        }
        return spec;
    }

    private static ObjectNode input(JsonNode body, Optional<ModelSpec> model, List<Violation> violations) {
        JsonNode node = body.get("input");
        if (node == null || node.isNull()) {
            violations.add(new Violation("input", "is required"));
            return null;
        }
        if (!node.isObject()) {
            violations.add(new Violation("input", "must be a JSON object"));
            return null;
        }
        ObjectNode input = ((ObjectNode) node).deepCopy();
        int fields = countFields(input);
        if (fields > RequestLimits.INPUT_MAX_FIELDS) {
            violations.add(new Violation("input", "must not hold more than " + RequestLimits.INPUT_MAX_FIELDS
                    + " fields and array elements (was " + fields + ")"));
            return null;
        }
        int bytes = input.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > INPUT_MAX_BYTES) {
            violations.add(new Violation("input", "must not exceed " + INPUT_MAX_BYTES + " bytes (was " + bytes + ")"));
            return null;
        }
        URL_LIST_FIELDS.forEach(field -> urlList(input, field, violations));
        if (model.isEmpty()) {
            return input;
        }
        String mode = mode(input, model.get(), violations);
        if (mode != null) {
            prompt(input, model.get(), mode, violations);
            if (mode.contains("image-to-") && !input.path("image_urls").isArray()) {
                violations.add(new Violation("input.image_urls", "is required for mode " + mode));
            }
        }
        return input;
    }

    private static String mode(ObjectNode input, ModelSpec model, List<Violation> violations) {
        JsonNode node = input.get("mode");
        if (node == null || node.isNull()) {
            input.put("mode", model.defaultMode());
            return model.defaultMode();
        }
        if (!node.isTextual() || !model.supportsMode(node.asText())) {
            violations.add(new Violation("input.mode",
                    "must be one of " + String.join(", ", model.modes()) + " for model " + model.id()));
            return null;
        }
        return node.asText();
    }

    private static void prompt(ObjectNode input, ModelSpec model, String mode, List<Violation> violations) {
        JsonNode node = input.get("prompt");
        boolean optional = model.promptOptionalModes().contains(mode) || isInstrumentalSong(model, input);
        if (node == null || node.isNull()) {
            if (!optional) {
                violations.add(new Violation("input.prompt", "is required"));
            }
            return;
        }
        if (!node.isTextual()) {
            violations.add(new Violation("input.prompt", "must be a string"));
            return;
        }
        String prompt = node.asText().trim();
        int max = promptMaxLength(model, input);
        int length = prompt.codePointCount(0, prompt.length());
        if (length == 0) {
            violations.add(new Violation("input.prompt", "must not be blank"));
        } else if (length > max) {
            violations.add(new Violation("input.prompt", "must be at most " + max + " characters (was " + length + ")"));
        } else if (prompt.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            violations.add(new Violation("input.prompt", "must not contain control characters"));
        } else {
            input.put("prompt", prompt);
        }
    }

    /** Suno in custom mode takes lyrics; an instrumental song needs none, a description is short. */
    private static boolean isInstrumentalSong(ModelSpec model, ObjectNode input) {
        return model.id().equals("suno") && input.path("customMode").asBoolean(false)
                && input.path("instrumental").asBoolean(false);
    }

    private static int promptMaxLength(ModelSpec model, ObjectNode input) {
        if (model.id().equals("suno") && !input.path("customMode").asBoolean(false)) {
            return SUNO_DESCRIPTION_MAX;
        }
        return model.promptMaxLength();
    }

    private static void urlList(ObjectNode input, String field, List<Violation> violations) {
        JsonNode node = input.get(field);
        if (node == null) {
            return;
        }
        String path = "input." + field;
        if (!node.isArray()) {
            violations.add(new Violation(path, "must be an array of URLs"));
            return;
        }
        if (node.size() > MAX_URLS) {
            violations.add(new Violation(path, "must hold at most " + MAX_URLS + " URLs"));
        }
        for (int i = 0; i < node.size(); i++) {
            if (!isHttpUrl(node.get(i))) {
                violations.add(new Violation(path + "[" + i + "]", "must be an http or https URL"));
            }
        }
    }

    private static boolean isHttpUrl(JsonNode node) {
        if (!node.isTextual()) {
            return false;
        }
        try {
            URI uri = new URI(node.asText());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * The first value no stored request may hold: NUL or another control character (tab, line feed and carriage
     * return allowed in values), an unpaired surrogate, a number that is not finite, nesting deeper than
     * {@link RequestLimits#MAX_DEPTH}. Key names hold no control characters at all.
     */
    private static Optional<Violation> unstorable(JsonNode node, String path, int depth) {
        String where = path.isEmpty() ? "" : path;
        if (node.isTextual()) {
            int forbidden = Text.firstForbidden(node.asText(), true);
            return forbidden < 0 ? Optional.empty() : Optional.of(new Violation(where,
                    "must not contain control character " + Text.codePoint(node.asText(), forbidden)));
        }
        if (node.isNumber()) {
            boolean finite = !(node.isDouble() || node.isFloat()) || Double.isFinite(node.doubleValue());
            return finite ? Optional.empty() : Optional.of(new Violation(where, "must be a finite number"));
        }
        if (!node.isContainerNode()) {
            return Optional.empty();
        }
        if (depth > RequestLimits.MAX_DEPTH) {
            return Optional.of(new Violation(where, "must not nest deeper than " + RequestLimits.MAX_DEPTH + " levels"));
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<Violation> found = unstorable(node.get(i), where + "[" + i + "]", depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            String child = where.isEmpty() ? Text.printable(name, 64) : where + "." + Text.printable(name, 64);
            int forbidden = Text.firstForbidden(name, false);
            if (forbidden >= 0) {
                return Optional.of(new Violation(child, "key must not contain control character "
                        + Text.codePoint(name, forbidden)));
            }
            Optional<Violation> found = unstorable(field.getValue(), child, depth + 1);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Fields and array elements at any depth. */
    private static int countFields(JsonNode node) {
        int count = 0;
        for (JsonNode child : node) {
            count += 1 + countFields(child);
        }
        return count;
    }
}
