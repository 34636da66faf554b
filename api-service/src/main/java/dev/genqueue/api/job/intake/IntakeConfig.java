package dev.genqueue.api.job.intake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Group commit of REST intake. */
@ConfigMapping(prefix = "genqueue.api.intake")
public interface IntakeConfig {

    /** Most requests committed in one transaction. */
    @WithDefault("200")
    int batchSize();

    /** Threads committing batches concurrently (each holds one database connection while it commits). */
    @WithDefault("2")
    int committers();

    /**
     * Most accepted requests waiting for a committer; one more is answered 503 with {@code Retry-After} at
     * once instead of queueing in memory.
     */
    @WithDefault("1000")
    int queueCapacity();

    /**
     * Longest a request waits for its commit; after it the request is answered 503 with {@code Retry-After}
     * (and dropped if its batch has not started; sending it again is safe, the request id is idempotent).
     */
    @WithDefault("10s")
    Duration commitTimeout();

    /** The {@code Retry-After} of those 503 answers. */
    @WithDefault("1s")
    Duration retryAfter();
}
