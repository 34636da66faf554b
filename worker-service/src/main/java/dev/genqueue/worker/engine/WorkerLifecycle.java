package dev.genqueue.worker.engine;

import dev.genqueue.worker.config.WorkerConfig;
import dev.genqueue.worker.dispatch.Dispatcher;
import dev.genqueue.worker.state.JobWriter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Starts the engine after boot and stops it in order at shutdown: claiming stops first, jobs in flight get
 * the grace period, their leases are handed back, and only then does the state writer stop.
 */
@ApplicationScoped
public class WorkerLifecycle {

    private final Dispatcher dispatcher;
    private final JobWriter writer;
    private final WorkerConfig config;

    WorkerLifecycle(Dispatcher dispatcher, JobWriter writer, WorkerConfig config) {
        this.dispatcher = dispatcher;
        this.writer = writer;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        writer.start();
        if (config.dispatch().enabled()) {
            dispatcher.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        dispatcher.stop(config.shutdownGrace());
        writer.stop(config.shutdownGrace());
    }
}
