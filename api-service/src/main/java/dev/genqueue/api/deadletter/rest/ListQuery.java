package dev.genqueue.api.deadletter.rest;

import dev.genqueue.api.deadletter.DeadLetterConfig;
import dev.genqueue.api.problem.ProblemException;
import dev.genqueue.api.problem.RequestFields;
import dev.genqueue.common.validation.Violation;
import dev.genqueue.store.deadletter.DeadLetterCursor;
import dev.genqueue.store.deadletter.DeadLetterFilter;
import dev.genqueue.store.deadletter.DeadLetterKind;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The query of {@code GET /v1/dead-letters}: filters, page size and cursor, validated together so a 400
 * names every bad parameter.
 *
 * @param params the raw parameters, for the next page's link
 */
record ListQuery(DeadLetterFilter filter, DeadLetterCursor cursor, int limit, Map<String, String> params) {

    static final String PATH = "/v1/dead-letters";

    /** Parses the raw parameters (any may be {@code null}). */
    static ListQuery parse(Map<String, String> params, DeadLetterConfig config) {
        List<Violation> violations = new ArrayList<>();
        DeadLetterKind kind = kind(params.get("kind"), violations);
        String reason = params.get("reason");
        if (reason != null && reason.isBlank()) {
            violations.add(new Violation("reason", "must not be blank"));
        }
        Instant from = params.get("from") == null ? null : RequestFields.instant("from", params.get("from"), violations);
        Instant to = params.get("to") == null ? null : RequestFields.instant("to", params.get("to"), violations);
        if (from != null && to != null && !from.isBefore(to)) {
            violations.add(new Violation("to", "must be after from"));
        }
        Boolean redriven = redriven(params.get("redriven"), violations);
        int limit = limit(params.get("limit"), config, violations);
        DeadLetterCursor cursor = null;
        if (params.get("cursor") != null) {
            cursor = DeadLetterCursor.decode(params.get("cursor")).orElse(null);
            if (cursor == null) {
                violations.add(new Violation("cursor", "must be a nextCursor value this API returned"));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return new ListQuery(new DeadLetterFilter(kind, reason, from, to, redriven), cursor, limit, params);
    }

    /** The path of the page after {@code next}, with the same filters. */
    String nextPath(DeadLetterCursor next) {
        UriBuilder uri = UriBuilder.fromPath(PATH);
        params.forEach((name, value) -> {
            if (value != null && !name.equals("cursor")) {
                uri.queryParam(name, value);
            }
        });
        return uri.queryParam("cursor", next.encode()).build().toString();
    }

    static DeadLetterKind kind(String value, List<Violation> violations) {
        if (value == null) {
            return null;
        }
        return DeadLetterKind.parse(value).orElseGet(() -> {
            violations.add(new Violation("kind", "must be \"intake\" or \"job\""));
            return null;
        });
    }

    private static Boolean redriven(String value, List<Violation> violations) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> {
                violations.add(new Violation("redriven", "must be true or false"));
                yield null;
            }
        };
    }

    private static int limit(String value, DeadLetterConfig config, List<Violation> violations) {
        if (value == null) {
            return config.defaultPageSize();
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= config.maxPageSize()) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        violations.add(new Violation("limit", "must be a whole number from 1 to " + config.maxPageSize()));
        return config.defaultPageSize();
    }
}
