package dev.genqueue.worker.dispatch;

import dev.genqueue.store.callback.CallbackHints;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes the dispatcher when a job becomes due elsewhere (a callback arrived, the account pause was lifted): one
 * dedicated connection LISTENs on {@link CallbackHints#JOBS_DUE_CHANNEL}. Lost connections are reopened with a
 * growing delay; meanwhile the dispatch interval still finds every due job, only later.
 */
@ApplicationScoped
public class JobsDueListener {

    private static final Logger LOG = Logger.getLogger(JobsDueListener.class);
    private static final int WAIT_MILLIS = 500;
    private static final Duration MIN_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final DataSource dataSource;
    private final Dispatcher dispatcher;
    private final Counter notifications;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean listening;
    private volatile boolean running;
    private Thread thread;

    JobsDueListener(DataSource dataSource, Dispatcher dispatcher, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.dispatcher = dispatcher;
        this.notifications = Counter.builder("genqueue.worker.jobs_due.notifications")
                .description("Notifications that a job became due, received on " + CallbackHints.JOBS_DUE_CHANNEL)
                .register(registry);
        Gauge.builder("genqueue.worker.jobs_due.listening", this, listener -> listener.listening ? 1 : 0)
                .description("1 while the worker listens for due-job notifications").register(registry);
    }

    /** Starts listening on a dedicated thread. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "genqueue-jobs-due-listener");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops listening and closes the connection. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        stopped.countDown();
        thread.interrupt();
    }

    /** Whether the LISTEN connection is up. */
    public boolean isListening() {
        return listening;
    }

    private void run() {
        Duration backoff = MIN_BACKOFF;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CallbackHints.JOBS_DUE_CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                listening = true;
                backoff = MIN_BACKOFF;
                // a notification may have been missed while the connection was down: look once
                dispatcher.wakeUp();
                while (running) {
                    PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
                    if (received != null && received.length > 0) {
                        notifications.increment(received.length);
                        dispatcher.wakeUp();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf("listening for due jobs failed (retrying in %s; the dispatch interval still finds "
                            + "them): %s", backoff, e.getMessage());
                }
            } finally {
                listening = false;
            }
            if (running && waitStopped(backoff)) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private boolean waitStopped(Duration wait) {
        try {
            return stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return !running;
        }
    }
}
