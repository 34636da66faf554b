package dev.genqueue.worker.apixo;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * At most {@code limit} calls in flight, the rest wait in order without holding a thread. Keeping requests
 * that wait for a pooled connection out of the client means its timeout only measures APIXO: a submit that
 * merely queued here never reached APIXO and must not count as an unknown outcome (a possible duplicate task).
 */
final class CallLimiter {

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    CallLimiter(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = limit;
    }

    /** Starts {@code call} when a slot is free; the stage completes with the call's. */
    <T> CompletionStage<T> run(Supplier<CompletionStage<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        waiting.add(() -> {
            CompletionStage<T> started;
            try {
                started = call.get();
            } catch (RuntimeException e) {
                started = CompletableFuture.failedFuture(e);
            }
            started.whenComplete((value, error) -> {
                inFlight.decrementAndGet();
                drain();
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
            });
        });
        drain();
        return result;
    }

    /** Calls started and not finished. */
    int inFlight() {
        return inFlight.get();
    }

    private void drain() {
        while (!waiting.isEmpty()) {
            int now = inFlight.get();
            if (now >= limit) {
                return;
            }
            if (inFlight.compareAndSet(now, now + 1)) {
                Runnable next = waiting.poll();
                if (next == null) {
                    inFlight.decrementAndGet();
                    continue;
                }
                next.run();
            }
        }
    }
}
