package dev.genqueue.worker.engine;

import dev.genqueue.worker.config.WorkerConfig;
import dev.genqueue.worker.poll.PollSchedule;
import dev.genqueue.worker.retry.Backoff;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The engine's pure helpers, configured once. */
public class EngineBeans {

    @Produces
    @Singleton
    PollSchedule pollSchedule(WorkerConfig config) {
        return new PollSchedule(config.poll().timeScale());
    }

    @Produces
    @Singleton
    Backoff backoff(WorkerConfig config) {
        return new Backoff(config.retry().initialBackoff(), config.retry().maxBackoff());
    }
}
