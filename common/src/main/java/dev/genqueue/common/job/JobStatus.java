package dev.genqueue.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Lifecycle of a genqueue job. {@link #canTransitionTo(JobStatus)} is the single rule every service
 * applies before it changes a job's state.
 */
public enum JobStatus {
    /** Accepted and persisted; waiting for a submission slot. */
    QUEUED,
    /** Intent to submit recorded; the APIXO call is in progress (the only window for a duplicate paid submit). */
    SUBMITTING,
    /** APIXO accepted the task and its task id is stored; waiting for completion. */
    SUBMITTED,
    /** APIXO reported the task as processing. */
    PROCESSING,
    /** APIXO reported success; outputs are being copied to storage. */
    DOWNLOADING,
    /** A submission whose outcome is unknown after a crash, held for an operator's decision. */
    HELD,
    /** Terminal: every output is stored. */
    SUCCEEDED,
    /** Terminal: the job failed permanently or exhausted its retries. */
    FAILED,
    /** Terminal: the task did not finish within the model type's maximum wait. */
    TIMED_OUT;

    private static final Set<JobStatus> TERMINAL = EnumSet.of(SUCCEEDED, FAILED, TIMED_OUT);

    /** True when no further transition is allowed. */
    public boolean isTerminal() {
        return TERMINAL.contains(this);
    }

    /** True while an APIXO task exists and has not reached a terminal APIXO state. */
    public boolean isAwaitingApixo() {
        return this == SUBMITTED || this == PROCESSING;
    }

    /** The state machine: whether a job in this state may move to {@code next}. */
    public boolean canTransitionTo(JobStatus next) {
        return allowedNext().contains(next);
    }

    /** Every state this one may move to; empty for terminal states. */
    public Set<JobStatus> allowedNext() {
        return switch (this) {
            case QUEUED -> EnumSet.of(SUBMITTING, FAILED);
            case SUBMITTING -> EnumSet.of(SUBMITTED, QUEUED, HELD, FAILED);
            case SUBMITTED -> EnumSet.of(PROCESSING, DOWNLOADING, QUEUED, FAILED, TIMED_OUT);
            case PROCESSING -> EnumSet.of(DOWNLOADING, QUEUED, FAILED, TIMED_OUT);
            case DOWNLOADING -> EnumSet.of(SUCCEEDED, FAILED);
            case HELD -> EnumSet.of(QUEUED, FAILED);
            case SUCCEEDED, FAILED, TIMED_OUT -> EnumSet.noneOf(JobStatus.class);
        };
    }

    /** The lower-case name used on the wire and in the database. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name, case-insensitively. */
    @JsonCreator
    public static JobStatus fromWire(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
