package dev.genqueue.api.job.held;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genqueue.api.problem.ProblemException;
import dev.genqueue.api.problem.RequestFields;
import dev.genqueue.common.validation.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * A resolution request: {@code {"action": "resubmit"|"fail", "reason": "…", "ids": [...]}} or, instead of ids, a
 * filter {@code "model"} and/or {@code "heldBefore"}; optional {@code "dryRun"} and {@code "limit"} (1–1000).
 * Every bad field is named in one 400.
 */
public record HeldRequest(Action action, String reason, List<UUID> ids, String model, Instant heldBefore,
        boolean dryRun, int limit) {

    static final int MAX_LIMIT = 1000;
    static final int MAX_IDS = 1000;
    static final int REASON_MAX = 1000;
    private static final Set<String> FIELDS = Set.of("action", "reason", "ids", "model", "heldBefore", "dryRun",
            "limit");

    /** What becomes of the selected jobs. */
    public enum Action {
        RESUBMIT, FAIL;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        String wouldBe() {
            return "would-" + wireName();
        }
    }

    /** Reads and checks a request body. */
    static HeldRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid("", "must be a JSON object with action, reason and ids or a filter "
                    + "(model, heldBefore)");
        }
        List<Violation> violations = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                violations.add(new Violation(name, "unknown field"));
            }
        });
        Action action = null;
        JsonNode actionNode = body.get("action");
        if (actionNode == null || !actionNode.isTextual()) {
            violations.add(new Violation("action", "required: resubmit or fail"));
        } else {
            try {
                action = Action.valueOf(actionNode.asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("action", "must be resubmit or fail"));
            }
        }
        String reason = null;
        JsonNode reasonNode = body.get("reason");
        if (reasonNode == null || !reasonNode.isTextual() || reasonNode.asText().isBlank()) {
            violations.add(new Violation("reason", "required: why, recorded in each job's history"));
        } else if (reasonNode.asText().length() > REASON_MAX) {
            violations.add(new Violation("reason", "at most " + REASON_MAX + " characters"));
        } else if (reasonNode.asText().chars().anyMatch(ch -> ch < 0x20 && ch != '\t')) {
            violations.add(new Violation("reason", "must not contain control characters"));
        } else {
            reason = reasonNode.asText().strip();
        }
        List<UUID> ids = null;
        if (body.has("ids")) {
            ids = ids(body.get("ids"), violations);
        }
        String model = null;
        if (body.has("model")) {
            JsonNode node = body.get("model");
            if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > 200) {
                violations.add(new Violation("model", "must be a model name"));
            } else {
                model = node.asText();
            }
        }
        Instant heldBefore = null;
        if (body.has("heldBefore")) {
            JsonNode node = body.get("heldBefore");
            heldBefore = RequestFields.instant("heldBefore", node.isTextual() ? node.asText() : "", violations);
        }
        if (body.has("ids") && (body.has("model") || body.has("heldBefore"))) {
            violations.add(new Violation("ids", "select by ids or by a filter (model, heldBefore), not both"));
        }
        if (!body.has("ids") && !body.has("model") && !body.has("heldBefore")) {
            violations.add(new Violation("", "a selector is required: ids, or model and/or heldBefore"));
        }
        boolean dryRun = false;
        if (body.has("dryRun")) {
            if (!body.get("dryRun").isBoolean()) {
                violations.add(new Violation("dryRun", "must be true or false"));
            } else {
                dryRun = body.get("dryRun").asBoolean();
            }
        }
        int limit = MAX_LIMIT;
        if (body.has("limit")) {
            JsonNode node = body.get("limit");
            if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1 || node.asInt() > MAX_LIMIT) {
                violations.add(new Violation("limit", "must be an integer from 1 to " + MAX_LIMIT));
            } else {
                limit = node.asInt();
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return new HeldRequest(action, reason, ids, model, heldBefore, dryRun, limit);
    }

    private static List<UUID> ids(JsonNode node, List<Violation> violations) {
        if (!node.isArray() || node.isEmpty() || node.size() > MAX_IDS) {
            violations.add(new Violation("ids", "must be an array of 1 to " + MAX_IDS + " job ids"));
            return null;
        }
        Set<UUID> ids = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode id = node.get(i);
            RequestFields.uuid("ids[" + i + "]", id.isTextual() ? id.asText() : "", violations).ifPresent(ids::add);
        }
        return List.copyOf(ids);
    }
}
