package dev.genqueue.api.job.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.api.problem.ProblemException;
import dev.genqueue.common.validation.Violation;
import java.util.List;
import java.util.UUID;

/**
 * Where a request's idempotency key came from. The {@code Idempotency-Key} header and the body's
 * {@code requestId} mean the same thing; one of them, or a generated key, ends up in the body's
 * {@code requestId} so the common validator checks it like any other field.
 */
enum IdempotencyKey {
    /** The body's {@code requestId} (alone, or equal to the header). */
    BODY,
    /** The {@code Idempotency-Key} header. */
    HEADER,
    /** Neither was given: genqueue made one up, so retries of this request are not deduplicated. */
    GENERATED;

    /** The header's name. */
    static final String HEADER_NAME = RestIntake.IDEMPOTENCY_KEY_HEADER;

    /** Puts the effective key into {@code body.requestId}; a header that contradicts the body is a 400. */
    static IdempotencyKey resolve(String header, ObjectNode body) {
        JsonNode inBody = body.get("requestId");
        boolean bodyHasKey = inBody != null && !inBody.isNull();
        if (header == null) {
            if (bodyHasKey) {
                return BODY;
            }
            body.put("requestId", UUID.randomUUID().toString());
            return GENERATED;
        }
        if (!bodyHasKey) {
            body.put("requestId", header);
            return HEADER;
        }
        if (inBody.isTextual() && !inBody.asText().equals(header)) {
            throw ProblemException.invalid(List.of(
                    new Violation("requestId", "must equal the " + HEADER_NAME + " header when both are given"),
                    new Violation(HEADER_NAME, "must equal the body's requestId when both are given")));
        }
        return BODY;
    }

    /** Names a violation after what the client actually sent: the header when the key came from it. */
    Violation attribute(Violation violation) {
        return this == HEADER && violation.field().equals("requestId")
                ? new Violation(HEADER_NAME, violation.message())
                : violation;
    }
}
