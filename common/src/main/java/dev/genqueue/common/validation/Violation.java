package dev.genqueue.common.validation;

/**
 * One reason a request was refused.
 *
 * @param field   JSON path of the offending field, e.g. {@code input.prompt}; empty for the whole body
 * @param message what is wrong, safe to show to the caller
 */
public record Violation(String field, String message) {

    @Override
    public String toString() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
