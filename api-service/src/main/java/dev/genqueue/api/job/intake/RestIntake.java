package dev.genqueue.api.job.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.api.problem.ProblemException;
import dev.genqueue.common.validation.RequestLimits;
import dev.genqueue.common.validation.RequestReader;
import dev.genqueue.common.validation.RequestValidator;
import dev.genqueue.common.validation.ValidationResult;
import dev.genqueue.common.validation.Violation;
import dev.genqueue.store.intake.IntakeOutcome;
import dev.genqueue.store.intake.JobIntake;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The REST door's intake: raw body → JSON tree → idempotency key → the common validator → {@link JobIntake},
 * through the {@link IntakeCommitter}: concurrent requests share a transaction (insert jobs, their first
 * transitions and outbox rows), and each answer waits for its own commit.
 */
@ApplicationScoped
public class RestIntake {

    /** The header that carries the idempotency key, an alternative to the body's {@code requestId}. */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    private final RequestBodyParser parser;
    private final IntakeCommitter committer;
    private final IntakeMetrics metrics;

    RestIntake(IntakeCommitter committer, IntakeMetrics metrics) {
        this.parser = new RequestBodyParser();
        this.committer = committer;
        this.metrics = metrics;
    }

    /**
     * Accepts one request body; bad input is a 400 problem naming every bad field.
     *
     * @param body           the raw request body
     * @param idempotencyKey the {@code Idempotency-Key} header, or {@code null}
     */
    public Submission submit(byte[] body, String idempotencyKey) {
        ValidationResult result;
        IdempotencyKey key;
        try {
            Optional<Violation> header = RequestReader.checkText(IDEMPOTENCY_KEY_HEADER, idempotencyKey,
                    RequestLimits.HEADER_VALUE_MAX_BYTES);
            if (header.isPresent()) {
                throw ProblemException.invalid(List.of(header.get()));
            }
            JsonNode json = parser.parse(body);
            key = json.isObject() ? IdempotencyKey.resolve(idempotencyKey, (ObjectNode) json) : IdempotencyKey.BODY;
            result = RequestValidator.validate(json);
        } catch (ProblemException e) {
            metrics.invalid();
            throw e;
        }
        if (!result.isValid()) {
            metrics.invalid();
            throw ProblemException.invalid(result.violations().stream().map(key::attribute).toList());
        }
        IntakeOutcome outcome = committer.accept(result.request());
        if (outcome instanceof IntakeOutcome.Created) {
            metrics.created();
        } else if (outcome instanceof IntakeOutcome.Duplicate) {
            metrics.duplicate();
        } else {
            metrics.conflict();
        }
        return new Submission(outcome, result.request().tenantId(), result.request().requestId(),
                key == IdempotencyKey.GENERATED);
    }
}
