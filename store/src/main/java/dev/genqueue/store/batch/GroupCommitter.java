package dev.genqueue.store.batch;

import dev.genqueue.store.sql.SqlStates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Group commit: items handed in by many concurrent callers are processed together, one call of {@code work}
 * (one transaction) per batch, by a few committer threads. An idle committer takes the first item at once, so
 * a lone caller waits no longer than its own transaction; under load the items that arrived meanwhile share
 * the next one. A batch that fails is retried item by item, so one bad item cannot sink its neighbours;
 * unless the database was unavailable ({@link SqlStates#databaseUnavailable}): then the whole batch fails at
 * once, as every item would.
 *
 * @param <I> what callers hand in
 * @param <O> what each gets back; {@code work} answers one per item, in order
 */
public final class GroupCommitter<I, O> {

    private static final Duration IDLE_WAKE = Duration.ofMillis(200);

    private final String name;
    private final int batchSize;
    private final int threadCount;
    private final Function<List<I>, List<O>> work;
    private final LinkedBlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private ExecutorService threads;

    public GroupCommitter(String name, int batchSize, int threads, Function<List<I>, List<O>> work) {
        if (batchSize < 1 || threads < 1) {
            throw new IllegalArgumentException("batch size and threads must be at least 1");
        }
        this.name = name;
        this.batchSize = batchSize;
        this.threadCount = threads;
        this.work = work;
    }

    /** Queues an item; the future completes on a committer thread once its batch committed (or failed). */
    public CompletableFuture<O> submit(I item) {
        Pending<I, O> pending = new Pending<>(item, new CompletableFuture<>());
        if (!running) {
            pending.result().completeExceptionally(new IllegalStateException(name + " is stopped"));
        } else {
            queue.add(pending);
        }
        return pending.result();
    }

    /** Whether the committer takes items (between {@link #start()} and {@link #stop}). */
    public boolean running() {
        return running;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        AtomicInteger number = new AtomicInteger();
        threads = Executors.newFixedThreadPool(threadCount, task -> {
            Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < threadCount; i++) {
            threads.execute(this::drain);
        }
    }

    /** Commits what is queued, then stops; items still queued after {@code grace} fail. */
    public synchronized void stop(Duration grace) {
        if (!running) {
            return;
        }
        running = false;
        threads.shutdown();
        try {
            threads.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.shutdownNow();
        for (Pending<I, O> left; (left = queue.poll()) != null; ) {
            left.result().completeExceptionally(new IllegalStateException(name + " stopped"));
        }
    }

    private void drain() {
        while (running || !queue.isEmpty()) {
            Pending<I, O> first;
            try {
                // a bounded wait, so a stop request is noticed while idle
                first = queue.poll(IDLE_WAKE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first != null) {
                List<Pending<I, O>> batch = new ArrayList<>();
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                commit(batch);
            }
        }
    }

    private void commit(List<Pending<I, O>> batch) {
        List<O> results;
        try {
            results = work.apply(batch.stream().map(Pending::item).toList());
            if (results.size() != batch.size()) {
                throw new IllegalStateException(name + ": " + results.size() + " results for " + batch.size() + " items");
            }
        } catch (RuntimeException e) {
            if (batch.size() > 1 && !SqlStates.databaseUnavailable(e)) {
                batch.forEach(pending -> commit(List.of(pending)));
            } else {
                batch.forEach(pending -> pending.result().completeExceptionally(e));
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(results.get(i));
        }
    }

    private record Pending<I, O>(I item, CompletableFuture<O> result) {
    }
}
