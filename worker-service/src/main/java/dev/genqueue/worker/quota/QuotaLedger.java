package dev.genqueue.worker.quota;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The SQL of the {@code apixo_quota} ledger and of the task-slot count, run in the caller's transaction. The
 * row lock taken by {@link #lock} serialises every quota decision of the whole fleet.
 */
final class QuotaLedger {

    private static final String LOCK = """
            SELECT tat, rate, decreased_at, increased_at, now() AS now FROM apixo_quota WHERE name = ? FOR UPDATE""";
    private static final String CREATE = """
            INSERT INTO apixo_quota (name, tat) VALUES (?, now()) ON CONFLICT (name) DO NOTHING""";
    private static final String SAVE = """
            UPDATE apixo_quota SET tat = ?, rate = ?, decreased_at = ?, increased_at = ? WHERE name = ?""";
    // tasks that exist at APIXO or are about to: in flight, or queued jobs a worker has claimed to submit
    private static final String TASK_SLOTS = """
            SELECT (SELECT count(*) FROM job WHERE status IN ('SUBMITTING', 'SUBMITTED', 'PROCESSING'))
                 + (SELECT count(*) FROM job
                     WHERE (status = 'QUEUED') = true AND next_run_at > now() AND lease_owner IS NOT NULL)""";

    private QuotaLedger() {
    }

    /** The ledger row, locked until the transaction ends (created on first use). */
    static Row lock(Connection c, String name) throws SQLException {
        for (int attempt = 0; attempt < 2; attempt++) {
            try (PreparedStatement lock = c.prepareStatement(LOCK)) {
                lock.setString(1, name);
                try (ResultSet rs = lock.executeQuery()) {
                    if (rs.next()) {
                        Number rate = (Number) rs.getObject("rate");
                        return new Row(name, instant(rs, "tat"), rate == null ? null : rate.doubleValue(),
                                instant(rs, "decreased_at"), instant(rs, "increased_at"), instant(rs, "now"));
                    }
                }
            }
            try (PreparedStatement create = c.prepareStatement(CREATE)) {
                create.setString(1, name);
                create.executeUpdate();
            }
        }
        throw new SQLException("quota row " + name + " could not be created");
    }

    /** Writes the row back. */
    static void save(Connection c, Row row) throws SQLException {
        try (PreparedStatement save = c.prepareStatement(SAVE)) {
            save.setObject(1, timestamp(row.tat()));
            if (row.rate() == null) {
                save.setNull(2, Types.DOUBLE);
            } else {
                save.setDouble(2, row.rate());
            }
            save.setObject(3, timestamp(row.decreasedAt()));
            save.setObject(4, timestamp(row.increasedAt()));
            save.setString(5, row.name());
            save.executeUpdate();
        }
    }

    /** APIXO tasks held now by the whole fleet (see {@link #TASK_SLOTS}). */
    static int taskSlotsInUse(Connection c) throws SQLException {
        try (PreparedStatement count = c.prepareStatement(TASK_SLOTS); ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The ledger as locked, plus the transaction's {@code now()}. */
    record Row(String name, Instant tat, Double rate, Instant decreasedAt, Instant increasedAt, Instant now) {

        Row withTat(Instant value) {
            return new Row(name, value, rate, decreasedAt, increasedAt, now);
        }

        Row withRate(Double value, Instant decreased, Instant increased) {
            return new Row(name, tat, value, decreased, increased, now);
        }
    }
}
