package dev.genqueue.worker.engine;

import dev.genqueue.worker.config.WorkerConfig;
import dev.genqueue.worker.cost.CostTracker;
import dev.genqueue.worker.dispatch.Dispatcher;
import dev.genqueue.worker.dispatch.JobsDueListener;
import dev.genqueue.worker.job.JobWriter;
import dev.genqueue.worker.pause.AccountPause;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Starts the engine after boot and stops it in order at shutdown: the listeners and periodic checks first,
 * then claiming; jobs in flight get the grace period, their leases are handed back, and only then does the
 * state writer stop.
 */
@ApplicationScoped
public class WorkerLifecycle {

    private final Dispatcher dispatcher;
    private final JobWriter writer;
    private final AccountPause pause;
    private final JobsDueListener jobsDue;
    private final CostTracker costs;
    private final WorkerConfig config;

    WorkerLifecycle(Dispatcher dispatcher, JobWriter writer, AccountPause pause, JobsDueListener jobsDue,
            CostTracker costs, WorkerConfig config) {
        this.dispatcher = dispatcher;
        this.writer = writer;
        this.pause = pause;
        this.jobsDue = jobsDue;
        this.costs = costs;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        writer.start();
        costs.start();
        if (config.dispatch().enabled()) {
            pause.start();
            dispatcher.start();
            jobsDue.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        jobsDue.stop();
        pause.stop();
        costs.stop();
        dispatcher.stop(config.shutdownGrace());
        writer.stop(config.shutdownGrace());
    }
}
