package dev.genqueue.worker.dispatch;

import dev.genqueue.common.job.JobStatus;
import dev.genqueue.worker.apixo.ApixoConfig;
import dev.genqueue.worker.config.WorkerConfig;
import dev.genqueue.worker.config.WorkerIdentity;
import dev.genqueue.worker.job.ClaimedJob;
import dev.genqueue.worker.job.Lease;
import dev.genqueue.worker.metrics.WorkerMetrics;
import dev.genqueue.worker.pause.SubmissionsResumed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The claim loop: claims due jobs in batches up to the in-flight bound, hands each to the {@link LeaseHandler}
 * and claims again at once when a batch came back full, otherwise after the dispatch interval (or when woken).
 * What a claim may include comes from the {@link ClaimPolicy} (pause, breaker) and the fleet quota, whose
 * request slots travel with the leases to the calls.
 * Heartbeats extend the leases of jobs in flight past half their lease. All of it runs on one scheduler
 * thread; no thread ever waits for an APIXO task.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final Duration MAX_CLAIM_BACKOFF = Duration.ofSeconds(5);
    private static final int CALLS_PER_CONNECTION = 8;
    private static final Set<JobStatus> NEEDS_APIXO =
            EnumSet.of(JobStatus.QUEUED, JobStatus.SUBMITTING, JobStatus.SUBMITTED, JobStatus.PROCESSING);

    private final JobClaimer claimer;
    private final ClaimPolicy policy;
    private final LeaseHandler handler;
    private final WorkerMetrics metrics;
    private final WorkerConfig.Dispatch config;
    private final String owner;
    private final int apixoPoolSize;
    private final Map<UUID, Lease> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private final AtomicBoolean starved = new AtomicBoolean();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> nextTick;
    private volatile boolean running;
    private volatile long lastTickNanos = System.nanoTime();
    private int failedClaims;

    Dispatcher(JobClaimer claimer, ClaimPolicy policy, LeaseHandler handler, WorkerMetrics metrics,
            WorkerConfig config, WorkerIdentity identity, ApixoConfig apixo) {
        this.apixoPoolSize = apixo.poolSize();
        this.claimer = claimer;
        this.policy = policy;
        this.handler = handler;
        this.metrics = metrics;
        this.config = config.dispatch();
        this.owner = identity.id();
        metrics.gauge("genqueue.worker.jobs.in_flight", "Jobs this worker holds a lease on", inFlight::size);
    }

    /** Starts claiming and heartbeating. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "genqueue-dispatcher");
            thread.setDaemon(true);
            return thread;
        });
        long beat = Math.max(50, config.lease().toMillis() / 4);
        scheduler.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        wakeUp();
        LOG.infof("dispatcher %s started: batch %d, max in flight %d, lease %s", owner, config.batchSize(),
                config.maxInFlight(), config.lease());
    }

    void onSubmissionsResumed(@Observes SubmissionsResumed resumed) {
        wakeUp();
    }

    /** Claims at once instead of waiting for the interval, e.g. when new jobs were queued or one is due now. */
    public void wakeUp() {
        if (running && wakeRequested.compareAndSet(false, true)) {
            scheduler.execute(this::tick);
        }
    }

    /** Stops claiming, waits up to {@code grace} for jobs in flight, then hands the rest back for takeover. */
    public void stop(Duration grace) {
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
        }
        if (!inFlight.isEmpty()) {
            try {
                drained.get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                LOG.infof("%d jobs still in flight after %s", inFlight.size(), grace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            int released = claimer.release(owner, List.copyOf(inFlight.values()));
            if (released > 0) {
                LOG.infof("released %d leases for takeover", released);
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not release leases (they expire by themselves): %s", e.getMessage());
        }
        scheduler.shutdownNow();
    }

    /** Jobs this worker works on now. */
    public int inFlight() {
        return inFlight.size();
    }

    /** Whether the claim loop ran recently: {@code false} means it is stuck or stopped. */
    public boolean isAlive(Duration tolerance) {
        return running && System.nanoTime() - lastTickNanos < tolerance.toNanos();
    }

    private void tick() {
        wakeRequested.set(false);
        if (!running) {
            return;
        }
        if (nextTick != null) {
            nextTick.cancel(false);
            nextTick = null;
        }
        boolean full = false;
        int limit = Math.min(config.batchSize(), config.maxInFlight() - inFlight.size());
        if (limit <= 0) {
            starved.set(true);
        }
        int room = apixoRoom();
        // a claim costs about the same for 5 rows as for 100: with little room left, wait for more
        limit = room < Math.min(limit, Math.max(1, config.batchSize() / 4)) ? 0 : Math.min(limit, room);
        try {
            if (limit > 0) {
                ClaimBudget budget = policy.next(limit);
                // slot times are relative to the claim's start: a slow claim makes its jobs late, never early
                long started = System.nanoTime();
                BudgetedClaim.Result result;
                try {
                    result = claimer.claim(owner, limit, config.lease(), budget);
                } catch (RuntimeException e) {
                    policy.claimed(budget, 0);
                    throw e;
                }
                policy.claimed(budget, result.apiCalls());
                // a claim cut short by the APIXO room waits for the next tick, when calls have been answered
                full = result.claims().size() == limit && limit < room;
                result.claims().forEach(claim -> begin(claim, started));
            }
            failedClaims = 0;
        } catch (RuntimeException e) {
            if (failedClaims++ == 0) {
                LOG.warnf("claiming due jobs failed, backing off: %s", e.getMessage());
            }
        } finally {
            lastTickNanos = System.nanoTime();
            scheduleNext(full);
        }
    }

    // jobs this worker may still claim while it holds APIXO-bound ones: a few calls queued per pooled connection
    // keep every connection busy between two claims; more would wait in this worker's memory while other
    // workers have connections free (and would only be late: they stay due in the database instead)
    private int apixoRoom() {
        long waiting = inFlight.values().stream().filter(lease -> NEEDS_APIXO.contains(lease.status())).count();
        return (int) Math.max(0, (long) apixoPoolSize * CALLS_PER_CONNECTION - waiting);
    }

    private void scheduleNext(boolean full) {
        if (!running) {
            return;
        }
        if (full) {
            wakeUp();
            return;
        }
        long wait = config.interval().toMillis();
        if (failedClaims > 0) {
            wait = Math.min(MAX_CLAIM_BACKOFF.toMillis(), wait << Math.min(failedClaims, 10));
        }
        nextTick = scheduler.schedule(this::tick, Math.max(1, wait), TimeUnit.MILLISECONDS);
    }

    private void begin(Claim claim, long claimStartNanos) {
        ClaimedJob job = claim.job();
        Lease lease = new Lease(job, System.nanoTime() + config.lease().toNanos());
        if (claim.paced()) {
            lease.slotAt(claimStartNanos + claim.slotIn().toNanos());
        }
        inFlight.put(job.id(), lease);
        metrics.claimed(1);
        metrics.lateness(job.status(), job.lateness());
        CompletionStage<Void> run;
        try {
            run = handler.handle(lease);
        } catch (RuntimeException e) {
            run = CompletableFuture.failedFuture(e);
        }
        run.whenComplete((ignored, error) -> finished(lease, error));
    }

    private void finished(Lease lease, Throwable error) {
        inFlight.remove(lease.jobId());
        if (error != null) {
            metrics.jobError();
            LOG.warnf("job %s: work in state %s stopped by an error, left to lease expiry: %s", lease.jobId(),
                    lease.status(), rootMessage(error));
        }
        if (!running && inFlight.isEmpty()) {
            drained.complete(null);
        } else if (starved.get() && config.maxInFlight() - inFlight.size() >= Math.max(1, config.batchSize() / 4)
                && starved.compareAndSet(true, false)) {
            wakeUp();
        }
    }

    private void heartbeat() {
        long now = System.nanoTime();
        long half = config.lease().toNanos() / 2;
        List<Lease> expiring = inFlight.values().stream()
                .filter(lease -> !lease.isLost() && lease.expiresAtNanos() - now < half)
                .toList();
        if (expiring.isEmpty()) {
            return;
        }
        try {
            Set<UUID> extended = claimer.extend(owner, expiring, config.lease());
            long until = now + config.lease().toNanos();
            expiring.stream().filter(lease -> extended.contains(lease.jobId()))
                    .forEach(lease -> lease.extendedUntil(until));
        } catch (RuntimeException e) {
            LOG.warnf("extending %d leases failed: %s", expiring.size(), e.getMessage());
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
