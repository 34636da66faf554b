package dev.genqueue.worker.intake;

import dev.genqueue.common.contract.GenerationRequest;

/** A request record after parsing and validation: a request to accept, or a reason to dead-letter it. */
public sealed interface Triaged {

    SourceRecord source();

    /** A valid, normalised request. */
    record Valid(SourceRecord source, GenerationRequest request) implements Triaged {
    }

    /** A record that can never become a job, and why (safe to show to its producer). */
    record Invalid(SourceRecord source, String reason) implements Triaged {
    }
}
