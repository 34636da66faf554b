package dev.genqueue.bench.scenario;

import dev.genqueue.bench.probe.ProcessMemory;
import dev.genqueue.bench.stack.WorkerHandle;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Samples the workers' resident memory every second and keeps the largest value seen. */
final class MemoryWatch implements AutoCloseable {

    private final List<WorkerHandle> workers;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile long maxBytes;

    MemoryWatch(List<WorkerHandle> workers) {
        this.workers = List.copyOf(workers);
        this.thread = new Thread(this::run, "bench-memory-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running.get()) {
            for (WorkerHandle worker : workers) {
                maxBytes = Math.max(maxBytes, ProcessMemory.residentBytes(worker.pid()));
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Largest VmRSS of any worker sampled so far, in bytes. */
    long maxBytes() {
        return maxBytes;
    }

    @Override
    public void close() {
        running.set(false);
        thread.interrupt();
    }
}
