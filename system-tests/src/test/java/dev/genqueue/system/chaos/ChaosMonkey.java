package dev.genqueue.system.chaos;

import dev.genqueue.stack.service.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The faults: a random worker {@code kill -9}ed every few seconds and started again at once, the Kafka broker
 * restarted once and PostgreSQL restarted once, all while the load runs. A worker that is still starting may
 * be killed again; the last ready worker is spared, as an orchestrator keeps one replica serving.
 */
final class ChaosMonkey implements AutoCloseable {

    /** One fault or recovery, relative to the start of the chaos. */
    record Event(Duration at, String what, Duration took) {
    }

    /** What the monkey did. */
    record Report(int kills, int killsWhileStarting, int workerRestarts, int failedStarts, int brokerRestarts,
            int postgresRestarts, List<Event> events, List<Duration> takeovers, int takeoversPending) {
    }

    private static final int START_ATTEMPTS = 10;

    private final ChaosStack stack;
    private final Random random;
    private final TakeoverProbe takeovers;
    private final ExecutorService background = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "chaos-monkey");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<ServiceProcess> restarting = ConcurrentHashMap.newKeySet();
    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    private final List<CompletableFuture<Void>> pending = Collections.synchronizedList(new ArrayList<>());
    private long startNanos;
    private int kills;
    private int killsWhileStarting;
    private volatile int workerRestarts;
    private volatile int failedStarts;
    private volatile int brokerRestarts;
    private volatile int postgresRestarts;

    ChaosMonkey(ChaosStack stack, long seed) {
        this.stack = stack;
        this.random = new Random(seed);
        this.takeovers = new TakeoverProbe(stack.db());
    }

    /**
     * Runs the faults for {@code duration} and returns once every worker is up again and every job a killed
     * worker held was taken over.
     *
     * @param brokerAt   when to restart the Kafka broker, or {@code null} for never
     * @param postgresAt when to restart PostgreSQL, or {@code null} for never
     */
    Report run(Duration duration, Duration killMin, Duration killMax, Duration brokerAt, Duration postgresAt) {
        startNanos = System.nanoTime();
        if (brokerAt != null) {
            later(brokerAt, "Kafka broker restarted", () -> {
                stack.stack().kafka().restart();
                brokerRestarts++;
            });
        }
        if (postgresAt != null) {
            later(postgresAt, "PostgreSQL restarted", () -> {
                stack.stack().postgres().restart();
                postgresRestarts++;
            });
        }
        long end = startNanos + duration.toNanos();
        while (true) {
            long gap = killMin.toMillis() + (long) (random.nextDouble() * (killMax.toMillis() - killMin.toMillis()));
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(gap) > end) {
                break;
            }
            sleep(gap);
            killOne();
        }
        new ArrayList<>(pending).forEach(CompletableFuture::join);
        List<Duration> taken = takeovers.awaitAll(stack.lease().multipliedBy(3));
        return new Report(kills, killsWhileStarting, workerRestarts, failedStarts, brokerRestarts, postgresRestarts,
                List.copyOf(events), taken, takeovers.pending());
    }

    // any worker process may die, one still starting included; the last ready worker is spared
    private synchronized void killOne() {
        List<ServiceProcess> alive = stack.workers().stream().filter(ServiceProcess::isRunning).toList();
        List<ServiceProcess> ready = alive.stream().filter(worker -> !restarting.contains(worker)).toList();
        List<ServiceProcess> candidates = ready.size() > 1 ? alive
                : alive.stream().filter(worker -> !ready.contains(worker)).toList();
        if (candidates.isEmpty()) {
            record("kill skipped: only " + ready.size() + " worker up", Duration.ZERO);
            return;
        }
        ServiceProcess victim = candidates.get(random.nextInt(candidates.size()));
        boolean starting = !restarting.add(victim);
        long killedAt = System.nanoTime();
        victim.kill();
        kills++;
        int held = takeovers.killed(victim.name(), killedAt);
        if (starting) {
            killsWhileStarting++;
            // its start fails and the thread already starting it tries again
            record("kill -9 " + victim.name() + " while it was starting (held " + held + " leased jobs)", Duration.ZERO);
            return;
        }
        record("kill -9 " + victim.name() + " (held " + held + " leased jobs)", Duration.ZERO);
        pending.add(CompletableFuture.runAsync(() -> startAgain(victim), background));
    }

    private void startAgain(ServiceProcess worker) {
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            long started = System.nanoTime();
            try {
                worker.start();
            } catch (RuntimeException e) {
                // killed again while starting, or PostgreSQL restarting while it migrates: try again
                failedStarts++;
                worker.kill();
                record(worker.name() + " start " + attempt + " failed: " + firstLine(e.getMessage()),
                        Duration.ofNanos(System.nanoTime() - started));
                sleep(1000);
                continue;
            }
            // under the monkey's lock: a kill either came before (start again) or sees a ready worker
            synchronized (this) {
                if (worker.isRunning()) {
                    restarting.remove(worker);
                    workerRestarts++;
                    record(worker.name() + " up again", Duration.ofNanos(System.nanoTime() - started));
                    return;
                }
            }
        }
        throw new IllegalStateException(worker.name() + " did not start in " + START_ATTEMPTS + " attempts");
    }

    private void later(Duration at, String what, Runnable fault) {
        pending.add(CompletableFuture.runAsync(() -> {
            sleep(at.toMillis());
            long started = System.nanoTime();
            fault.run();
            record(what, Duration.ofNanos(System.nanoTime() - started));
        }, background));
    }

    private void record(String what, Duration took) {
        Event event = new Event(Duration.ofNanos(System.nanoTime() - startNanos), what, took);
        events.add(event);
        ChaosLog.info("t+%.1fs %s%s", event.at().toMillis() / 1000.0, what,
                took.isZero() ? "" : String.format(" (%.1f s)", took.toMillis() / 1000.0));
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    // pacing faults, not waiting for an effect
    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        takeovers.close();
        background.shutdownNow();
    }
}
