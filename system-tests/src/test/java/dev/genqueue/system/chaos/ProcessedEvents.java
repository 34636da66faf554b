package dev.genqueue.system.chaos;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The consumer-side half of exactly-once: a result consumer records each event id it handled in its own
 * database, in the same transaction as its own effect. A repeat of an event (the relay re-sent a batch whose
 * acknowledgement it lost) finds its id already there and is skipped. This is the recipe docs/reliability.md
 * shows; the chaos audit counts events through it.
 */
final class ProcessedEvents {

    static final String TABLE = """
            CREATE TABLE IF NOT EXISTS processed_event (
                event_id     uuid        PRIMARY KEY,
                processed_at timestamptz NOT NULL DEFAULT now()
            )
            """;
    private static final String RECORD = "INSERT INTO processed_event (event_id) VALUES (?) ON CONFLICT DO NOTHING";

    private ProcessedEvents() {
    }

    static void createTable(Connection c) throws SQLException {
        try (Statement create = c.createStatement()) {
            create.execute(TABLE);
        }
    }

    /**
     * Records {@code eventId} in the caller's transaction; {@code true} the first time, {@code false} for a
     * repeat, which the caller then skips. Rolled back with the caller's effect, so a crash mid-way handles the
     * event again rather than never.
     */
    static boolean firstTime(Connection c, UUID eventId) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(RECORD)) {
            insert.setObject(1, eventId);
            return insert.executeUpdate() == 1;
        }
    }
}
