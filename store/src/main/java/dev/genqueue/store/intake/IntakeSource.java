package dev.genqueue.store.intake;

/** The door a request came through. */
public enum IntakeSource {
    /** {@code POST /v1/jobs}; the request is also published to the request topic. */
    REST,
    /** A record on the request topic. */
    KAFKA
}
