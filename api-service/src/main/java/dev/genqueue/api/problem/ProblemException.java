package dev.genqueue.api.problem;

import dev.genqueue.common.validation.Violation;
import java.util.List;

/**
 * A refusal the client caused, answered as a problem. Carries no stack trace: it is control flow for bad
 * input, which must stay cheap.
 */
public final class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final transient List<Violation> violations;
    private final long retryAfterSeconds;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, null, 0);
    }

    private ProblemException(ProblemType type, String detail, List<Violation> violations, long retryAfterSeconds) {
        super(detail, null, false, false);
        this.type = type;
        this.violations = violations;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A 503 telling the client to send the same request again after {@code retryAfterSeconds}. */
    public static ProblemException unavailable(String detail, long retryAfterSeconds) {
        return new ProblemException(ProblemType.UNAVAILABLE, detail, null, Math.max(1, retryAfterSeconds));
    }

    /** A 400 naming every bad field. */
    public static ProblemException invalid(List<Violation> violations) {
        String detail = violations.size() == 1
                ? "Invalid " + describe(violations.get(0))
                : violations.size() + " fields are invalid, see violations";
        return new ProblemException(ProblemType.VALIDATION, detail, List.copyOf(violations), 0);
    }

    /** A 400 for one bad field. */
    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new Violation(field, message)));
    }

    private static String describe(Violation violation) {
        return (violation.field().isEmpty() ? "body" : violation.field()) + ": " + violation.message();
    }

    public ProblemType type() {
        return type;
    }

    /** Seconds for the {@code Retry-After} header, or 0 when the answer carries none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The bad fields, or {@code null} when the problem is not about fields. */
    public List<Violation> violations() {
        return violations;
    }
}
