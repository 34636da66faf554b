package dev.genqueue.store.deadletter;

import java.util.Locale;
import java.util.Optional;

/** What a dead letter holds; the lower-case name is {@code dead_letter.kind}. */
public enum DeadLetterKind {
    /** A request record that could not become a job (malformed or invalid); its payload is the raw value. */
    INTAKE,
    /** A job that exhausted its retries; {@code job_id} names it. */
    JOB;

    /** The name stored in {@code dead_letter.kind} and used on the wire. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind with this wire name (case-insensitive), if any. */
    public static Optional<DeadLetterKind> parse(String value) {
        for (DeadLetterKind kind : values()) {
            if (kind.wireName().equalsIgnoreCase(value)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
