package dev.genqueue.worker.job;

import dev.genqueue.common.job.JobStatus;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One fenced change of a job row: {@code UPDATE job SET … version = version + 1 WHERE id = ? AND version = ?
 * AND status = ?}. A stale owner's update matches no row. A status change is checked against
 * {@link JobStatus#canTransitionTo} here, and carries the {@code job_transition} row that records it. Times
 * are relative to the database's {@code now()}, so worker clocks never matter. Column names come from code,
 * never from input; updates that set the same columns share one SQL text and are batched together.
 */
public final class JobUpdate {

    private final UUID jobId;
    private final long expectedVersion;
    private final JobStatus from;
    private JobStatus to;
    private String reason;
    private int attempt;
    private String taskId;
    private int transientFailures;
    private final StringBuilder assignments = new StringBuilder();
    private final List<Object> values = new ArrayList<>();

    private JobUpdate(UUID jobId, long expectedVersion, JobStatus from, int attempt, String taskId,
            int transientFailures) {
        this.jobId = Objects.requireNonNull(jobId);
        this.expectedVersion = expectedVersion;
        this.from = Objects.requireNonNull(from);
        this.to = from;
        this.attempt = attempt;
        this.taskId = taskId;
        this.transientFailures = transientFailures;
    }

    /**
     * An update of the job as its owner last wrote it.
     *
     * @param version the fencing token: the version the owner's claim or last write produced
     * @param attempt the job's attempt count, recorded with a transition
     * @param taskId  the current APIXO task id, recorded with a transition
     * @param transientFailures consecutive transient failures of the current step
     */
    public static JobUpdate of(UUID jobId, long version, JobStatus status, int attempt, String taskId,
            int transientFailures) {
        return new JobUpdate(jobId, version, status, attempt, taskId, transientFailures);
    }

    /** Moves the job to {@code next}, recording why; refuses what the state machine forbids. */
    public JobUpdate moveTo(JobStatus next, String why) {
        if (!from.canTransitionTo(next)) {
            throw new IllegalStateException("illegal transition " + from + " -> " + next + " for job " + jobId);
        }
        to = next;
        reason = why;
        return assign("status = ?", next.name());
    }

    /** Sets the attempt count (also recorded on the transition). */
    public JobUpdate attempts(int value) {
        attempt = value;
        return assign("attempts = ?", value);
    }

    /** Sets the APIXO task id (also recorded on the transition). */
    public JobUpdate taskId(String value) {
        taskId = value;
        return assign("apixo_task_id = ?", value);
    }

    /** Clears the APIXO task id: a new task is about to be created. */
    public JobUpdate clearTaskId() {
        taskId = null;
        return setNull("apixo_task_id");
    }

    /** Sets the count of consecutive transient failures (0 after a step succeeded). */
    public JobUpdate transientFailures(int value) {
        transientFailures = value;
        return assign("transient_failures = ?", value);
    }

    /** {@code column = value}; use {@link #setNull} for NULL. */
    public JobUpdate set(String column, Object value) {
        return assign(column + " = ?", Objects.requireNonNull(value, column));
    }

    /** {@code column = value::jsonb}. */
    public JobUpdate setJson(String column, String json) {
        return assign(column + " = ?::jsonb", Objects.requireNonNull(json, column));
    }

    /** {@code column = NULL}. */
    public JobUpdate setNull(String column) {
        return assign(column + " = NULL", null);
    }

    /** {@code column = now()} (the transaction's time). */
    public JobUpdate setNow(String column) {
        return assign(column + " = now()", null);
    }

    /** {@code column = now() + delay}. */
    public JobUpdate setIn(String column, Duration delay) {
        return assign(column + " = now() + ? * interval '1 millisecond'", Math.max(0, delay.toMillis()));
    }

    /** Ends the lease and schedules the next action after {@code delay}. */
    public JobUpdate release(Duration delay) {
        return setIn("next_run_at", delay).setNull("lease_owner");
    }

    /**
     * Ends the lease and schedules the next action after {@code delay}, or at once when a callback arrived after
     * {@code since} (the claim): what this owner just learned from APIXO may already be stale.
     */
    public JobUpdate releaseUnlessHinted(Duration delay, Instant since) {
        assignments.append(", next_run_at = CASE WHEN callback_received_at > ? THEN now()"
                + " ELSE now() + ? * interval '1 millisecond' END");
        values.add(since);
        values.add(Math.max(0, delay.toMillis()));
        return setNull("lease_owner");
    }

    /** Ends the lease with nothing scheduled: terminal or held jobs. */
    public JobUpdate park() {
        return setNull("next_run_at").setNull("lease_owner");
    }

    public UUID jobId() {
        return jobId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    public JobStatus from() {
        return from;
    }

    public JobStatus to() {
        return to;
    }

    /** Whether this update changes the status (and so appends a transition). */
    public boolean changesStatus() {
        return to != from;
    }

    public String reason() {
        return reason;
    }

    public int attempt() {
        return attempt;
    }

    public String taskId() {
        return taskId;
    }

    public int transientFailures() {
        return transientFailures;
    }

    /** The statement; identical for updates that set the same columns in the same order. */
    public String sql() {
        return "UPDATE job SET version = version + 1, updated_at = now()" + assignments
                + " WHERE id = ? AND version = ? AND status = ?";
    }

    /** Binds this update's values to {@link #sql()}. */
    public void bind(PreparedStatement statement) throws SQLException {
        int index = 1;
        for (Object value : values) {
            statement.setObject(index++, value instanceof Instant instant
                    ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : value);
        }
        statement.setObject(index++, jobId);
        statement.setLong(index++, expectedVersion);
        statement.setString(index, from.name());
    }

    private JobUpdate assign(String assignment, Object value) {
        assignments.append(", ").append(assignment);
        if (value != null) {
            values.add(value);
        }
        return this;
    }
}
