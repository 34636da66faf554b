package dev.genqueue.system.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Measures how long the jobs of a killed worker wait before another claim takes them: right after a
 * {@code kill -9} it notes every job the victim still leased (owner and version), then watches for the version
 * to move (a claim bumps it). The lease timeout bounds the wait.
 */
final class TakeoverProbe implements AutoCloseable {

    private static final String LEASED_BY = """
            SELECT id, version FROM job WHERE lease_owner = ? AND next_run_at > now()
            """;
    private static final String VERSIONS = "SELECT id, version FROM job WHERE id = ANY (?)";

    private record Held(long version, long killedAtNanos) {
    }

    private final ChaosDatabase db;
    private final Map<UUID, Held> waiting = new ConcurrentHashMap<>();
    private final List<Duration> takeovers = new ArrayList<>();
    private final ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "chaos-takeover-probe");
        thread.setDaemon(true);
        return thread;
    });

    TakeoverProbe(ChaosDatabase db) {
        this.db = db;
        probe.scheduleWithFixedDelay(this::check, 250, 250, TimeUnit.MILLISECONDS);
    }

    /** Notes what {@code owner} held when it was killed; call before it is started again (same name). */
    int killed(String owner, long killedAtNanos) {
        List<List<Object>> held = db.rows(LEASED_BY, owner);
        for (List<Object> row : held) {
            // a job still leased by an earlier incarnation of the same worker keeps its first kill time
            waiting.putIfAbsent((UUID) row.get(0), new Held(((Number) row.get(1)).longValue(), killedAtNanos));
        }
        return held.size();
    }

    /** Waits up to {@code timeout} for every noted job to be taken over; answers the takeover times. */
    synchronized List<Duration> awaitAll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            try {
                wait(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return List.copyOf(takeovers);
    }

    /** Jobs noted at a kill and not taken over (yet). */
    int pending() {
        return waiting.size();
    }

    private void check() {
        if (waiting.isEmpty()) {
            return;
        }
        try {
            long now = System.nanoTime();
            for (List<Object> row : db.rows(VERSIONS, (Object) waiting.keySet().toArray(UUID[]::new))) {
                UUID id = (UUID) row.get(0);
                Held held = waiting.get(id);
                if (held != null && ((Number) row.get(1)).longValue() != held.version()) {
                    waiting.remove(id);
                    synchronized (this) {
                        takeovers.add(Duration.ofNanos(now - held.killedAtNanos()));
                        notifyAll();
                    }
                }
            }
        } catch (RuntimeException e) {
            ChaosLog.info("takeover probe: %s", e.getMessage());
        }
    }

    @Override
    public void close() {
        probe.shutdownNow();
    }
}
