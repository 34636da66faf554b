package dev.genqueue.api.job.intake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Group commit of REST intake. */
@ConfigMapping(prefix = "genqueue.api.intake")
public interface IntakeConfig {

    /** Most requests committed in one transaction. */
    @WithDefault("200")
    int batchSize();

    /** Threads committing batches concurrently (each holds one database connection while it commits). */
    @WithDefault("2")
    int committers();
}
