package dev.genqueue.store.intake;

/** The door a request came through. */
public enum IntakeSource {
    /** {@code POST /v1/jobs}; the request is also published to the request topic. */
    REST,
    /** A record on the request topic. */
    KAFKA,
    /** A dead letter redriven by an operator (a fixed intake record, or a new attempt of an exhausted job). */
    REDRIVE
}
