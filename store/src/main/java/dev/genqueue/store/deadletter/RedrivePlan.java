package dev.genqueue.store.deadletter;

import dev.genqueue.common.contract.GenerationRequest;

/** What to do with one locked dead letter: submit a request, or answer without one. */
sealed interface RedrivePlan {

    /** The record as a validated request, to accept; {@code newPayload} replaces the stored one when not null. */
    record Accept(RedriveCandidate candidate, GenerationRequest request, String newPayload) implements RedrivePlan {
    }

    /**
     * An answer that needs no intake.
     *
     * @param attempted  whether this was a redrive attempt to record on the row (not for repeats and unknown ids)
     * @param newPayload replaces the stored payload when not null
     */
    record Answer(RedriveResult result, boolean attempted, String newPayload) implements RedrivePlan {
    }
}
