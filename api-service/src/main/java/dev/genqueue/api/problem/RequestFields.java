package dev.genqueue.api.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.genqueue.common.contract.Json;
import dev.genqueue.common.validation.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Parsing of ids, timestamps and JSON bodies for the admin endpoints; bad input becomes violations. */
public final class RequestFields {

    private static final ObjectReader STRICT = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private RequestFields() {
    }

    /** A canonical UUID, or a violation of {@code field}. */
    public static Optional<UUID> uuid(String field, String value, List<Violation> violations) {
        try {
            UUID id = UUID.fromString(value);
            if (id.toString().equalsIgnoreCase(value)) {
                return Optional.of(id);
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            // reported below
        }
        violations.add(new Violation(field, "must be a UUID such as 3f2b8c1e-0d4a-4c6e-9b7a-2f1e0c9d8b7a"));
        return Optional.empty();
    }

    /** A path id: a 400 problem unless it is a canonical UUID. */
    public static UUID pathId(String value) {
        List<Violation> violations = new ArrayList<>();
        return uuid("id", value, violations).orElseThrow(() -> ProblemException.invalid(violations));
    }

    /** An ISO-8601 instant ({@code 2025-03-01T12:00:00Z} or with an offset), or a violation of {@code field}. */
    public static Instant instant(String field, String value, List<Violation> violations) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException again) {
                violations.add(new Violation(field, "must be an ISO-8601 timestamp such as 2025-03-01T12:00:00Z"));
                return null;
            }
        }
    }

    /** The body's JSON tree, or {@code null} for an empty body; a 400 problem when it is not JSON. */
    public static JsonNode json(byte[] body) {
        if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        try {
            return STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid("", "is not valid JSON");
        } catch (IOException e) {
            throw ProblemException.invalid("", "could not be read as JSON");
        }
    }
}
