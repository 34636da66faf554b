package dev.genqueue.worker.job;

import dev.genqueue.worker.metrics.WorkerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Writes under a lease: a committed write advances the lease (next version, new status); a write the fencing
 * check refused means another worker owns the job, which is logged and counted once and ends this owner's
 * work on it, never an exception.
 */
@ApplicationScoped
public class LeasedWrites {

    private static final Logger LOG = Logger.getLogger(LeasedWrites.class);

    private final JobWriter writer;
    private final WorkerMetrics metrics;

    LeasedWrites(JobWriter writer, WorkerMetrics metrics) {
        this.writer = writer;
        this.metrics = metrics;
    }

    /** Applies {@code update}; the stage answers whether this worker still owns the job. */
    public CompletionStage<Boolean> apply(Lease lease, JobUpdate update) {
        return apply(lease, JobWrite.of(update));
    }

    /** Applies {@code write}; the stage answers whether this worker still owns the job. */
    public CompletionStage<Boolean> apply(Lease lease, JobWrite write) {
        if (lease.isLost()) {
            return CompletableFuture.completedFuture(false);
        }
        return writer.write(write).thenApply(result -> {
            if (result.applied()) {
                lease.advance(write.update());
                return true;
            }
            lease.markLost();
            metrics.fencingLost();
            LOG.warnf("job %s: write %s -> %s refused, version %d is stale: another worker owns the job now",
                    lease.jobId(), write.update().from(), write.update().to(), write.update().expectedVersion());
            return false;
        });
    }
}
