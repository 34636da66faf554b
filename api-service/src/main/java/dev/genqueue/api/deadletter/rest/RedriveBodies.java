package dev.genqueue.api.deadletter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.api.problem.ProblemException;
import dev.genqueue.api.problem.RequestFields;
import dev.genqueue.common.validation.Violation;
import dev.genqueue.store.deadletter.DeadLetterFilter;
import dev.genqueue.store.deadletter.DeadLetterKind;
import dev.genqueue.store.deadletter.DeadLetterRedrive;
import dev.genqueue.store.deadletter.RedriveSelector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Reads the bodies of the redrive endpoints; every bad field is named in one 400. */
final class RedriveBodies {

    private static final Set<String> BULK_FIELDS = Set.of("ids", "reason", "from", "to", "kind", "limit");
    private static final int REASON_MAX = 1000;

    private RedriveBodies() {
    }

    /** The replacement payload of a single redrive ({@code {"payload": {...}}}), or {@code null} for none. */
    static ObjectNode replacement(JsonNode body) {
        if (body == null) {
            return null;
        }
        List<Violation> violations = new ArrayList<>();
        if (!body.isObject()) {
            throw ProblemException.invalid("", "must be a JSON object such as {\"payload\": {...}}");
        }
        unknownFields(body, Set.of("payload"), violations);
        JsonNode payload = body.get("payload");
        if (payload != null && !payload.isNull() && !payload.isObject()) {
            violations.add(new Violation("payload", "must be a JSON object: the corrected request"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return payload == null || payload.isNull() ? null : (ObjectNode) payload;
    }

    /** The selector and bound of a bulk redrive. */
    static Bulk bulk(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid("", "must be a JSON object with one selector: ids, reason, or from/to");
        }
        List<Violation> violations = new ArrayList<>();
        unknownFields(body, BULK_FIELDS, violations);
        boolean byIds = body.has("ids");
        boolean byReason = body.has("reason");
        boolean byWindow = body.has("from") || body.has("to");
        int selectors = (byIds ? 1 : 0) + (byReason ? 1 : 0) + (byWindow ? 1 : 0);
        if (selectors != 1) {
            violations.add(new Violation("", "exactly one selector is required: ids, reason, or from/to (got "
                    + selectors + ")"));
        }
        int limit = limit(body.get("limit"), violations);
        DeadLetterKind kind = null;
        if (body.has("kind")) {
            if (byIds) {
                violations.add(new Violation("kind", "selects among reason or from/to matches; not with ids"));
            } else {
                kind = ListQuery.kind(body.get("kind").isTextual() ? body.get("kind").asText() : "?", violations);
            }
        }
        RedriveSelector selector = null;
        if (byIds) {
            selector = new RedriveSelector.Ids(ids(body.get("ids"), violations));
        } else if (byReason) {
            selector = new RedriveSelector.Matching(
                    new DeadLetterFilter(kind, reason(body.get("reason"), violations), null, null, false));
        } else if (byWindow) {
            Instant from = time("from", body.get("from"), violations);
            Instant to = time("to", body.get("to"), violations);
            if (from != null && to != null && !from.isBefore(to)) {
                violations.add(new Violation("to", "must be after from"));
            }
            if (isNull(body.get("from")) && isNull(body.get("to"))) {
                violations.add(new Violation("from", "a time window needs from, to or both"));
            }
            selector = new RedriveSelector.Matching(new DeadLetterFilter(kind, null, from, to, false));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return new Bulk(selector, limit);
    }

    private static List<UUID> ids(JsonNode node, List<Violation> violations) {
        List<UUID> ids = new ArrayList<>();
        if (node == null || !node.isArray() || node.isEmpty()) {
            violations.add(new Violation("ids", "must be a non-empty array of dead-letter ids"));
            return ids;
        }
        if (node.size() > DeadLetterRedrive.MAX_PER_CALL) {
            violations.add(new Violation("ids", "must hold at most " + DeadLetterRedrive.MAX_PER_CALL
                    + " ids per call (got " + node.size() + ")"));
            return ids;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode id = node.get(i);
            RequestFields.uuid("ids[" + i + "]", id.isTextual() ? id.asText() : null, violations).ifPresent(ids::add);
        }
        return ids;
    }

    private static String reason(JsonNode node, List<Violation> violations) {
        if (node == null || !node.isTextual() || node.asText().isBlank() || node.asText().length() > REASON_MAX) {
            violations.add(new Violation("reason", "must be a non-blank string of at most " + REASON_MAX
                    + " characters"));
            return null;
        }
        return node.asText();
    }

    private static Instant time(String field, JsonNode node, List<Violation> violations) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            violations.add(new Violation(field, "must be an ISO-8601 timestamp such as 2025-03-01T12:00:00Z"));
            return null;
        }
        return RequestFields.instant(field, node.asText(), violations);
    }

    private static int limit(JsonNode node, List<Violation> violations) {
        if (node == null || node.isNull()) {
            return DeadLetterRedrive.MAX_PER_CALL;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1
                || node.asInt() > DeadLetterRedrive.MAX_PER_CALL) {
            violations.add(new Violation("limit", "must be a whole number from 1 to " + DeadLetterRedrive.MAX_PER_CALL));
            return DeadLetterRedrive.MAX_PER_CALL;
        }
        return node.asInt();
    }

    private static boolean isNull(JsonNode node) {
        return node == null || node.isNull();
    }

    private static void unknownFields(JsonNode body, Set<String> known, List<Violation> violations) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                violations.add(new Violation(name, "unknown field"));
            }
        }
    }

    /**
     * A parsed bulk redrive.
     *
     * @param selector which records
     * @param limit    at most how many
     */
    record Bulk(RedriveSelector selector, int limit) {
    }
}
