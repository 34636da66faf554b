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

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, null);
    }

    private ProblemException(ProblemType type, String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.type = type;
        this.violations = violations;
    }

    /** A 400 naming every bad field. */
    public static ProblemException invalid(List<Violation> violations) {
        String detail = violations.size() == 1
                ? "Invalid " + describe(violations.get(0))
                : violations.size() + " fields are invalid, see violations";
        return new ProblemException(ProblemType.VALIDATION, detail, List.copyOf(violations));
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

    /** The bad fields, or {@code null} when the problem is not about fields. */
    public List<Violation> violations() {
        return violations;
    }
}
