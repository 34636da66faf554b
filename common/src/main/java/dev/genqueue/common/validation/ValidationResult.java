package dev.genqueue.common.validation;

import dev.genqueue.common.contract.GenerationRequest;
import java.util.List;
import java.util.stream.Collectors;

/** Either a normalised request or the violations that prevent one. */
public record ValidationResult(GenerationRequest request, List<Violation> violations) {

    public ValidationResult {
        violations = List.copyOf(violations);
    }

    static ValidationResult valid(GenerationRequest request) {
        return new ValidationResult(request, List.of());
    }

    static ValidationResult invalid(List<Violation> violations) {
        return new ValidationResult(null, violations);
    }

    public boolean isValid() {
        return violations.isEmpty();
    }

    /** All violations in one line, e.g. for a dead-letter reason header. */
    public String summary() {
        return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
