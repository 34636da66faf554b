package dev.genqueue.apixo.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.apixo.simulator.catalogue.Model;
import dev.genqueue.apixo.simulator.catalogue.ModelInput;
import dev.genqueue.apixo.simulator.catalogue.Rule;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a submit body against docs/apixo-api.md §4.1 and the model's §11 rules; any breach is a synchronous 400
 * (the simulator's reading of §13.6), reported by throwing {@link Invalid} with the {@code data.error} text.
 */
final class SubmissionParser {

    private static final Set<String> PROVIDERS = Set.of("auto", "value", "official");

    /** A request error; its message becomes {@code data.error}. */
    static final class Invalid extends Exception {
        Invalid(String detail) {
            super(detail, null, false, false);
        }
    }

    private final boolean allowHttpCallbacks;

    SubmissionParser(boolean allowHttpCallbacks) {
        this.allowHttpCallbacks = allowHttpCallbacks;
    }

    Submission parse(Model model, ObjectNode body) throws Invalid {
        String callbackUrl = callbackUrl(body);
        String provider = provider(model, body);
        JsonNode inputNode = body.get("input");
        if (inputNode == null || inputNode.isNull()) {
            throw new Invalid("Missing required field: input");
        }
        if (!inputNode.isObject()) {
            throw new Invalid("input must be an object");
        }
        ObjectNode input = (ObjectNode) inputNode;
        ModelInput request = new ModelInput(input, mode(model, input), provider);
        for (Rule rule : model.rules()) {
            String error = rule.check(request);
            if (error != null) {
                throw new Invalid(error);
            }
        }
        return new Submission(model, body, request, callbackUrl);
    }

    private String callbackUrl(ObjectNode body) throws Invalid {
        String requestType = optionalText(body, "request_type", "async");
        if (requestType.equals("async")) {
            return null;
        }
        if (!requestType.equals("callback")) {
            throw new Invalid("Invalid value for request_type: \"" + requestType + "\" (allowed: async, callback)");
        }
        String url = optionalText(body, "callback_url", null);
        if (url == null || url.isBlank()) {
            throw new Invalid("Missing required field: callback_url (required when request_type is callback)");
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new Invalid("callback_url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new Invalid("callback_url must be an absolute HTTPS URL");
        }
        if (scheme.equals("http") && !allowHttpCallbacks) {
            throw new Invalid("callback_url must use HTTPS");
        }
        return uri.toString();
    }

    private static String provider(Model model, ObjectNode body) throws Invalid {
        String provider = optionalText(body, "provider", model.officialOnly() ? "official" : "auto");
        if (!PROVIDERS.contains(provider)) {
            throw new Invalid("Invalid value for provider: \"" + provider + "\" (allowed: auto, value, official)");
        }
        if (model.officialOnly() && !provider.equals("official")) {
            throw new Invalid("Model " + model.id() + " is only available with provider \"official\"");
        }
        return provider;
    }

    private static String mode(Model model, ObjectNode input) throws Invalid {
        JsonNode mode = input.get("mode");
        if (mode == null || mode.isNull()) {
            if (model.defaultMode() == null) {
                throw new Invalid("Missing required field: input.mode");
            }
            return model.defaultMode();
        }
        if (!mode.isTextual() || !model.modes().contains(mode.asText())) {
            throw new Invalid("Invalid value for input.mode: " + mode + " (allowed: "
                    + String.join(", ", model.modes()) + ")");
        }
        return mode.asText();
    }

    private static String optionalText(ObjectNode body, String field, String fallback) throws Invalid {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new Invalid(field + " must be a string");
        }
        return value.asText();
    }
}
