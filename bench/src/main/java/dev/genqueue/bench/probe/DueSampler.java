package dev.genqueue.bench.probe;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Measures poll lateness from the outside: every {@code interval} it reads the polls that are due and not yet
 * claimed (a claim moves {@code next_run_at} to the lease expiry, so what is due is exactly what waits). Each
 * due poll (job id + due time) is remembered with the largest age it was seen at; a poll claimed later than
 * {@code interval} after its due time is therefore seen with an age within {@code interval} of its lateness,
 * and one never seen was claimed within {@code interval}. The worker's own lateness timer has no histogram,
 * so this is how percentiles are obtained.
 */
public final class DueSampler implements AutoCloseable {

    private static final String DUE = """
            SELECT id::text, (extract(epoch FROM next_run_at) * 1000)::bigint,
                   (extract(epoch FROM now() - next_run_at) * 1000)::bigint
              FROM job
             WHERE next_run_at <= now() AND status IN ('SUBMITTED', 'PROCESSING')
             ORDER BY next_run_at
             LIMIT 20000""";

    private final Database database;
    private final Duration interval;
    private final Map<String, Long> ageByDuePoll = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private long samples;
    private long largestBacklog;

    public DueSampler(Database database, Duration interval) {
        this.database = database;
        this.interval = interval;
        this.thread = new Thread(this::run, "bench-due-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    public Duration interval() {
        return interval;
    }

    private void run() {
        try (Connection c = database.connect(); PreparedStatement query = c.prepareStatement(DUE)) {
            while (running.get()) {
                long start = System.nanoTime();
                int backlog = 0;
                try (ResultSet rs = query.executeQuery()) {
                    synchronized (this) {
                        while (rs.next()) {
                            backlog++;
                            ageByDuePoll.merge(rs.getString(1) + "@" + rs.getLong(2), Math.max(0, rs.getLong(3)),
                                    Math::max);
                        }
                        samples++;
                        largestBacklog = Math.max(largestBacklog, backlog);
                    }
                }
                long left = interval.toNanos() - (System.nanoTime() - start);
                if (left > 0) {
                    Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
                }
            }
        } catch (SQLException e) {
            System.err.println("due sampler stopped: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The {@code percentile} lateness in milliseconds among {@code claims} polls claimed while sampling: the
     * k-th largest age seen, where k is the number of claims above the percentile; 0 when fewer polls than that
     * were ever seen waiting (they were all claimed within one interval).
     */
    public synchronized long lateness(double percentile, long claims) {
        long above = (long) Math.ceil(claims * (100 - percentile) / 100.0);
        if (above <= 0) {
            return 0;
        }
        List<Long> ages = new ArrayList<>(ageByDuePoll.values());
        ages.sort((a, b) -> Long.compare(b, a));
        return ages.size() < above ? 0 : ages.get((int) above - 1);
    }

    /** Largest age any due poll was seen at. */
    public synchronized long maxAge() {
        return ageByDuePoll.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** Due polls seen waiting at least once. */
    public synchronized int seen() {
        return ageByDuePoll.size();
    }

    public synchronized long samples() {
        return samples;
    }

    /** Most due-and-unclaimed polls seen in one sample. */
    public synchronized long largestBacklog() {
        return largestBacklog;
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
