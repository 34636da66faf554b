package dev.genqueue.worker.intake;

import dev.genqueue.store.sql.SqlStates;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * How the Kafka door waits out a storage outage: the same write is tried again, with a growing pause, for as long
 * as the database is unreachable, and never for a failure that says something about the data. While it waits,
 * readiness reports the door as waiting; liveness is never touched.
 */
@ApplicationScoped
public class StorageWait {

    private static final Logger LOG = Logger.getLogger(StorageWait.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);
    // serialization failure, deadlock, lock or statement timeout, cancelled query: the next try can pass
    private static final Set<String> TRANSIENT = Set.of("40001", "40P01", "55P03", "57014");

    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile Instant waitingSince;
    private volatile String lastError;

    /** True for a failure that says the store is out of reach for now, not that the data is wrong. */
    public static boolean isOutage(Throwable error) {
        if (SqlStates.refusedData(error)) {
            return false;
        }
        String state = SqlStates.of(error);
        if (SqlStates.databaseUnavailable(error) || state != null && (TRANSIENT.contains(state)
                || state.startsWith("53"))) {
            return true;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.net.SocketException || cause instanceof java.io.EOFException
                    || cause instanceof java.net.SocketTimeoutException || cause instanceof SQLTransientException) {
                return true;
            }
            // the pool's own "no connection within the acquisition timeout" carries no SQL state
            if (cause instanceof SQLException sql && sql.getSQLState() == null && sql.getMessage() != null
                    && sql.getMessage().contains("cquisition timeout")) {
                return true;
            }
        }
        return false;
    }

    /**
     * True for a failed write that may be the record's fault, so that storing the record another way (alone, as
     * a dead letter) is worth a try: not an outage, and not a failure of a service that is stopping (its pool
     * and transactions are being closed under it).
     */
    public boolean saysSomethingAboutTheData(Throwable error) {
        return !isOutage(error) && stopping.getCount() > 0;
    }

    /** Runs {@code work} until it passes or fails for another reason than an outage. */
    public <T> T untilStored(Supplier<T> work) {
        int failures = 0;
        while (true) {
            try {
                T result = work.get();
                if (failures > 0) {
                    LOG.infof("intake: the job store answers again after %d failed tries; consuming", failures);
                    waitingSince = null;
                    lastError = null;
                }
                return result;
            } catch (RuntimeException e) {
                if (!isOutage(e)) {
                    throw e;
                }
                failures++;
                if (waitingSince == null) {
                    waitingSince = Instant.now();
                }
                lastError = SqlStates.of(e) != null ? "SQL state " + SqlStates.of(e) : e.getClass().getSimpleName();
                if (failures == 1 || failures % 20 == 0) {
                    LOG.warnf("intake: the job store is unreachable (%s); consumption paused, try %d", lastError,
                            failures);
                }
                pause(failures);
            }
        }
    }

    /** Since when the door waits for the store, or {@code null} when it does not. */
    public Instant waitingSince() {
        return waitingSince;
    }

    /** What the last failed try said, while waiting. */
    public String lastError() {
        return lastError;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping.countDown();
    }

    private void pause(int failures) {
        long max = Math.min(LONGEST_PAUSE.toMillis(), FIRST_PAUSE.toMillis() << Math.min(failures - 1, 16));
        long delay = max / 2 + ThreadLocalRandom.current().nextLong(max / 2 + 1);
        try {
            if (stopping.await(delay, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("stopping while the job store is unreachable");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the job store is unreachable", e);
        }
    }
}
