package dev.genqueue.store.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/** Housekeeping between relay passes: the pending-rows gauge and deletion of old published rows. */
final class OutboxMaintenance {

    private static final Logger LOG = Logger.getLogger(OutboxMaintenance.class);
    // one cleanup run deletes at most this many batches, the rest waits for the next run
    private static final int MAX_BATCHES_PER_CLEANUP = 100;

    private final DataSource dataSource;
    private final OutboxRows rows;
    private final OutboxMetrics metrics;
    private final Duration retention;
    private final int batchSize;

    OutboxMaintenance(DataSource dataSource, OutboxRows rows, OutboxMetrics metrics, Duration retention,
            int batchSize) {
        this.dataSource = dataSource;
        this.rows = rows;
        this.metrics = metrics;
        this.retention = retention;
        this.batchSize = batchSize;
    }

    void refreshPending() {
        try (Connection c = dataSource.getConnection()) {
            metrics.backlog(rows.countPending(c));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count pending outbox rows: " + e.getMessage(), e);
        }
    }

    /** Deletes published rows older than the retention, one autocommitted batch at a time. */
    void deletePublished() {
        int total = 0;
        try (Connection c = dataSource.getConnection()) {
            for (int i = 0; i < MAX_BATCHES_PER_CLEANUP; i++) {
                int deleted = rows.deletePublished(c, retention, batchSize);
                total += deleted;
                if (deleted < batchSize) {
                    break;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete published outbox rows: " + e.getMessage(), e);
        } finally {
            metrics.deleted(total);
        }
        if (total > 0) {
            LOG.debugf("Deleted %d published outbox rows older than %s", total, retention);
        }
    }
}
