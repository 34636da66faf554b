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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The intake rules both doors apply to a raw request body: field types, the catalogue, the model's modes
 * and the prompt rules of APIXO's integration guide (a string, trimmed, 1–5000 characters, or the
 * model's lower limit). Works on the JSON tree so every bad field is named, not just the first.
 */
public final class RequestValidator {

    /** Largest accepted {@code input} object, serialised. */
    public static final int INPUT_MAX_BYTES = 64 * 1024;
    /** Most reference URLs accepted in one URL list field. */
    public static final int MAX_URLS = 20;

    private static final Set<String> FIELDS = Set.of("requestId", "tenantId", "projectId", "model", "input", "delivery");
    private static final Set<String> URL_LIST_FIELDS = Set.of("image_urls", "video_urls", "audio_urls");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}");
    private static final int SUNO_DESCRIPTION_MAX = 500;

    private RequestValidator() {
    }

    /** Validates and normalises one request body. */
    public static ValidationResult validate(JsonNode body) {
        if (body == null || !body.isObject()) {
            return ValidationResult.invalid(List.of(new Violation("", "body must be a JSON object")));
        }
        List<Violation> violations = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                violations.add(new Violation(name, "unknown field"));
            }
        }
        String requestId = identifier(body, "requestId", true, violations);
        String tenantId = identifier(body, "tenantId", true, violations);
        String projectId = identifier(body, "projectId", false, violations);
        DeliveryMode delivery = delivery(body, violations);
        Optional<ModelSpec> model = model(body, violations);
        ObjectNode input = input(body, model, violations);
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
            violations.add(new Violation("model", "unknown model \"" + abbreviate(node.asText()) + "\""));
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
        if (input.toString().length() > INPUT_MAX_BYTES) {
            violations.add(new Violation("input", "must not exceed " + INPUT_MAX_BYTES + " bytes"));
            return null;
        }
        if (containsNul(input)) {
            // PostgreSQL jsonb cannot store U+0000; refusing it here keeps both doors in agreement
            violations.add(new Violation("input", "must not contain NUL (\\u0000) characters"));
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

    private static boolean containsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.asText().indexOf('\u0000') >= 0;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            if (names.next().indexOf('\u0000') >= 0) {
                return true;
            }
        }
        for (JsonNode child : node) {
            if (containsNul(child)) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
