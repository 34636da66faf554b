package dev.genqueue.worker.job;

import dev.genqueue.common.job.JobStatus;
import java.util.UUID;

/**
 * This worker's hold on one claimed job: the row as claimed plus what the owner has written since (version =
 * fencing token, status, attempts, task id, transient failures). Written by one job pipeline at a time; read by heartbeats.
 */
public final class Lease {

    private final ClaimedJob job;
    private volatile long version;
    private volatile JobStatus status;
    private volatile int attempts;
    private volatile String taskId;
    private volatile int transientFailures;
    private volatile long expiresAtNanos;
    private volatile long slotAtNanos;
    private volatile boolean paced;
    private volatile boolean lost;

    /** A hold on {@code job} until {@code expiresAtNanos} ({@link System#nanoTime()} based). */
    public Lease(ClaimedJob job, long expiresAtNanos) {
        this.job = job;
        this.version = job.version();
        this.status = job.status();
        this.attempts = job.attempts();
        this.taskId = job.apixoTaskId();
        this.transientFailures = job.transientFailures();
        this.expiresAtNanos = expiresAtNanos;
    }

    /** The row as claimed. */
    public ClaimedJob job() {
        return job;
    }

    public UUID jobId() {
        return job.id();
    }

    public long version() {
        return version;
    }

    public JobStatus status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public String taskId() {
        return taskId;
    }

    /** Consecutive transient failures of the current step. */
    public int transientFailures() {
        return transientFailures;
    }

    /** A fenced update of the job as this owner last wrote it. */
    public JobUpdate update() {
        return JobUpdate.of(job.id(), version, status, attempts, taskId, transientFailures);
    }

    /** Records that {@code update} was committed: the row now has its status and the next version. */
    public void advance(JobUpdate update) {
        version = update.expectedVersion() + 1;
        status = update.to();
        attempts = update.attempt();
        taskId = update.taskId();
        transientFailures = update.transientFailures();
    }

    /** Whether the job's APIXO call must keep to a request slot of the fleet quota. */
    public boolean paced() {
        return paced;
    }

    /** When the job's request slot comes ({@link System#nanoTime()} based); meaningful when {@link #paced()}. */
    public long slotAtNanos() {
        return slotAtNanos;
    }

    /** Assigns the job's request slot. */
    public void slotAt(long nanos) {
        slotAtNanos = nanos;
        paced = true;
    }

    /** Records that another owner took the job: nothing more is written under this lease. */
    public void markLost() {
        lost = true;
    }

    public boolean isLost() {
        return lost;
    }

    /** When the lease ends unless the dispatcher's heartbeat extends it ({@link System#nanoTime()} based). */
    public long expiresAtNanos() {
        return expiresAtNanos;
    }

    /** The heartbeat extended the lease in the database until {@code nanos}. */
    public void extendedUntil(long nanos) {
        expiresAtNanos = nanos;
    }
}
