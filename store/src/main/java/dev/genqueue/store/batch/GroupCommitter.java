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
 * <p>The queue is bounded: an item handed in while {@code capacity} items wait fails at once with
 * {@link QueueFullException}, so an overloaded or stalled store makes callers refuse work instead of piling it
 * up in memory. A caller that stops waiting cancels its future; an item whose future is already complete
 * (cancelled) when its turn comes is dropped without being committed.
 *
 * @param <I> what callers hand in
 * @param <O> what each gets back; {@code work} answers one per item, in order
 */
public final class GroupCommitter<I, O> {

    private static final Duration IDLE_WAKE = Duration.ofMillis(200);
    /** Capacity of the queue when none is given. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final String name;
    private final int batchSize;
    private final int threadCount;
    private final Function<List<I>, List<O>> work;
    private final int capacity;
    private final LinkedBlockingQueue<Pending<I, O>> queue;
    private volatile boolean running;
    private ExecutorService threads;

    /** A committer whose queue holds at most {@link #DEFAULT_CAPACITY} items. */
    public GroupCommitter(String name, int batchSize, int threads, Function<List<I>, List<O>> work) {
        this(name, batchSize, threads, DEFAULT_CAPACITY, work);
    }

    /** A committer whose queue holds at most {@code capacity} items waiting for a committer thread. */
    public GroupCommitter(String name, int batchSize, int threads, int capacity, Function<List<I>, List<O>> work) {
        if (batchSize < 1 || threads < 1 || capacity < 1) {
            throw new IllegalArgumentException("batch size, threads and capacity must be at least 1");
        }
        this.name = name;
        this.batchSize = batchSize;
        this.threadCount = threads;
        this.capacity = capacity;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.work = work;
    }

    /**
     * Queues an item; the future completes on a committer thread once its batch committed (or failed). When
     * the queue is full the future has already failed with {@link QueueFullException}.
     */
    public CompletableFuture<O> submit(I item) {
        Pending<I, O> pending = new Pending<>(item, new CompletableFuture<>());
        if (!running) {
            pending.result().completeExceptionally(new IllegalStateException(name + " is stopped"));
        } else if (!queue.offer(pending)) {
            pending.result().completeExceptionally(new QueueFullException(name, capacity));
        }
        return pending.result();
    }

    /** Items waiting for a committer thread. */
    public int queued() {
        return queue.size();
    }

    /** Most items that may wait for a committer thread. */
    public int capacity() {
        return capacity;
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
                // callers that gave up (cancelled) are not committed behind their back
                batch.removeIf(pending -> pending.result().isDone());
                if (!batch.isEmpty()) {
                    commit(batch);
                }
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
