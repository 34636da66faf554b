package dev.genqueue.worker.quota;

import dev.genqueue.worker.job.Lease;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps each paced APIXO request to its slot: it waits for a slot still ahead, and a request that would leave
 * more than {@code max-lateness} after its slot (a slow state write, a stalled JVM) takes a fresh slot rather
 * than arriving bunched with later ones. That bounds how far requests can drift from the ledger's spacing,
 * which is what keeps every sliding window within the plan.
 */
@ApplicationScoped
public class RequestPacer {

    private static final int MAX_RESLOTS = 5;

    private final ApixoQuota quota;
    private final long maxLatenessNanos;
    private final long lookaheadNanos;
    private final Counter reslotted;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "genqueue-pacer");
        thread.setDaemon(true);
        return thread;
    });

    RequestPacer(ApixoQuota quota, QuotaConfig config, MeterRegistry registry) {
        this.quota = quota;
        // half of what the headroom absorbs, leaving the other half to network and scheduling jitter
        this.maxLatenessNanos = config.maxLateness().map(Duration::toNanos)
                .orElse((long) (config.window().toNanos() * (1 / config.headroom() - 1) / 2));
        this.lookaheadNanos = Math.max(1, config.lookahead().toNanos());
        this.reslotted = Counter.builder("genqueue.worker.quota.reslotted")
                .description("Requests that missed their slot and took a new one").register(registry);
    }

    /** Completes when the lease's APIXO call may leave (at once for unpaced leases). */
    public CompletionStage<Void> beforeCall(Lease lease) {
        return lease.paced() ? await(lease, 0) : CompletableFuture.completedFuture(null);
    }

    private CompletionStage<Void> await(Lease lease, int reslots) {
        long early = lease.slotAtNanos() - System.nanoTime();
        if (early > 0) {
            return after(early).thenCompose(ignored -> await(lease, reslots));
        }
        if (-early <= maxLatenessNanos || reslots >= MAX_RESLOTS) {
            return CompletableFuture.completedFuture(null);
        }
        reslotted.increment();
        long asked = System.nanoTime();
        return quota.acquireOne().thenCompose(slot -> {
            if (slot.isPresent()) {
                lease.slotAt(asked + slot.get().toNanos());
                return await(lease, reslots + 1);
            }
            // no slot free within the lookahead: ask again once it has passed
            return after(lookaheadNanos).thenCompose(ignored -> {
                lease.slotAt(System.nanoTime() - maxLatenessNanos - 1);
                return await(lease, reslots + 1);
            });
        });
    }

    @PreDestroy
    void close() {
        timer.shutdownNow();
    }

    private CompletionStage<Void> after(long nanos) {
        CompletableFuture<Void> elapsed = new CompletableFuture<>();
        timer.schedule(() -> elapsed.complete(null), nanos, TimeUnit.NANOSECONDS);
        return elapsed;
    }
}
