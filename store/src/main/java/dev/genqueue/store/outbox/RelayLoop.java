package dev.genqueue.store.outbox;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Drives relay passes on one thread: back to back while batches come back full, every {@code interval}
 * otherwise, earlier when a local commit wrote outbox rows, and with exponential backoff after failures.
 * Also refreshes the pending gauge and deletes old published rows between passes.
 */
final class RelayLoop {

    private static final Logger LOG = Logger.getLogger(RelayLoop.class);
    // bounds one drain so cleanup and gauge refresh get a turn under sustained load
    private static final int MAX_BATCHES_PER_DRAIN = 20;

    private final OutboxConfig config;
    private final OutboxPublisher publisher;
    private final OutboxMaintenance maintenance;
    private final OutboxMetrics metrics;
    private final Backoff backoff;
    private final ScheduledThreadPoolExecutor executor;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile boolean stopping;
    // written only on the relay thread
    private volatile int failures;

    RelayLoop(OutboxConfig config, OutboxPublisher publisher, OutboxMaintenance maintenance, OutboxMetrics metrics) {
        this.config = config;
        this.publisher = publisher;
        this.maintenance = maintenance;
        this.metrics = metrics;
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = Executors.defaultThreadFactory().newThread(runnable);
            thread.setName("outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
    }

    void start() {
        executor.execute(this::scheduledPass);
        every(Duration.ZERO, config.pendingRefresh(), maintenance::refreshPending);
        every(config.cleanupInterval(), config.cleanupInterval(), maintenance::deletePublished);
    }

    /** Asks for a pass now because rows were just committed; coalesced, and ignored while backing off. */
    void wakeUp() {
        if (stopping || failures > 0 || !wakeQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::wokenPass);
        } catch (RejectedExecutionException e) {
            wakeQueued.set(false);
        }
    }

    /** Lets the pass in flight finish (bounded by {@code timeout}) and stops scheduling new ones. */
    boolean stop(Duration timeout) {
        stopping = true;
        executor.shutdown();
        try {
            if (executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
        return false;
    }

    private void scheduledPass() {
        Duration next = drain();
        try {
            executor.schedule(this::scheduledPass, next.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private void wokenPass() {
        wakeQueued.set(false);
        drain();
    }

    /** Publishes batches while they come back full; returns the pause before the next scheduled pass. */
    private Duration drain() {
        try {
            PassResult result;
            int batches = 0;
            do {
                result = publisher.publishOnce(config.batchSize());
                batches++;
                if (result.setAside() > 0) {
                    LOG.warnf("Kafka refused %d outbox rows; they are set aside and retried later (outbox.last_error)",
                            result.setAside());
                }
            } while (!stopping && result.full(config.batchSize()) && batches < MAX_BATCHES_PER_DRAIN);
            if (result.failure() == null) {
                recovered();
                return result.full(config.batchSize()) ? Duration.ZERO : config.interval();
            }
            if (result.published() > 0) {
                // part of the batch went out: Kafka is reachable, a retry at the normal pace is enough
                metrics.failure();
                LOG.debugf("Outbox relay left rows unpublished, retrying: %s", describe(result.failure()));
                return config.interval();
            }
            return failed(result.failure());
        } catch (Exception e) {
            return failed(e);
        }
    }

    private void recovered() {
        if (failures > 0) {
            LOG.infof("Outbox relay publishing again after %d failed passes", failures);
            failures = 0;
        }
    }

    private Duration failed(Throwable error) {
        metrics.failure();
        failures++;
        Duration pause = backoff.after(failures);
        if (failures == 1) {
            LOG.warnf("Outbox relay cannot publish, retrying with backoff: %s", describe(error));
        } else {
            LOG.debugf("Outbox relay pass %d failed, next try in %s: %s", failures, pause, describe(error));
        }
        return pause;
    }

    private void every(Duration first, Duration period, Runnable task) {
        executor.scheduleWithFixedDelay(guarded(task), first.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    // an escaping exception would cancel a periodic task for good
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warnf("Outbox maintenance failed, retrying next period: %s", describe(e));
            }
        };
    }

    private static String describe(Throwable error) {
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
