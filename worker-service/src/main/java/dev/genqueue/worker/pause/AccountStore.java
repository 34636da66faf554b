package dev.genqueue.worker.pause;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/** The SQL of the {@code apixo_account} row, in the caller's transaction. Each change is one conditional update. */
final class AccountStore {

    private static final String READ = "SELECT paused, reason, paused_since FROM apixo_account WHERE name = 'apixo'";
    private static final String PAUSE = """
            UPDATE apixo_account SET paused = true, reason = ?, http_status = ?, paused_since = now(),
                   next_check_at = now() + ? * interval '1 millisecond', last_check = NULL
             WHERE name = 'apixo' AND NOT paused
            RETURNING paused_since""";
    private static final String CLAIM_CHECK = """
            UPDATE apixo_account SET next_check_at = now() + ? * interval '1 millisecond', checked_by = ?
             WHERE name = 'apixo' AND paused AND next_check_at <= now()
            RETURNING reason""";
    private static final String RESUME = """
            UPDATE apixo_account SET paused = false, resumed_at = now(), last_check = ?
             WHERE name = 'apixo' AND paused
            RETURNING paused_since, reason, now() AS resumed_at""";
    private static final String NOTE = "UPDATE apixo_account SET last_check = ? WHERE name = 'apixo'";
    private static final String RETRY_SOON = """
            UPDATE apixo_account SET next_check_at = now() + ? * interval '1 millisecond'
             WHERE name = 'apixo' AND paused""";
    private static final String NOTIFY_DUE = "SELECT pg_notify('genqueue_jobs_due', '')";

    private AccountStore() {
    }

    /** The fleet's pause state. */
    static State read(Connection c) throws SQLException {
        try (PreparedStatement read = c.prepareStatement(READ); ResultSet rs = read.executeQuery()) {
            if (!rs.next()) {
                return new State(false, null, null);
            }
            return new State(rs.getBoolean("paused"), rs.getString("reason"), instant(rs, "paused_since"));
        }
    }

    /** Pauses the fleet; answers the pause time when this call made the change, empty when already paused. */
    static Optional<Instant> pause(Connection c, String reason, int httpStatus, Duration firstCheck)
            throws SQLException {
        try (PreparedStatement pause = c.prepareStatement(PAUSE)) {
            pause.setString(1, reason);
            pause.setInt(2, httpStatus);
            pause.setLong(3, firstCheck.toMillis());
            try (ResultSet rs = pause.executeQuery()) {
                return rs.next() ? Optional.of(instant(rs, "paused_since")) : Optional.empty();
            }
        }
    }

    /** Takes the next balance check for {@code owner} when one is due; answers the pause reason if taken. */
    static Optional<String> claimCheck(Connection c, String owner, Duration interval) throws SQLException {
        try (PreparedStatement claim = c.prepareStatement(CLAIM_CHECK)) {
            claim.setLong(1, interval.toMillis());
            claim.setString(2, owner);
            try (ResultSet rs = claim.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)).or(() -> Optional.of("")) : Optional.empty();
            }
        }
    }

    /** Lifts the pause and wakes every worker's dispatcher; empty when it was already lifted. */
    static Optional<Resumed> resume(Connection c, String check) throws SQLException {
        Optional<Resumed> resumed;
        try (PreparedStatement resume = c.prepareStatement(RESUME)) {
            resume.setString(1, check);
            try (ResultSet rs = resume.executeQuery()) {
                resumed = rs.next() ? Optional.of(new Resumed(instant(rs, "paused_since"), rs.getString("reason"),
                        instant(rs, "resumed_at"))) : Optional.empty();
            }
        }
        if (resumed.isPresent()) {
            try (PreparedStatement notify = c.prepareStatement(NOTIFY_DUE); ResultSet ignored = notify.executeQuery()) {
                // delivered at commit: queued jobs are due again everywhere
            }
        }
        return resumed;
    }

    /** Records what the last balance check found. */
    static void note(Connection c, String check) throws SQLException {
        try (PreparedStatement note = c.prepareStatement(NOTE)) {
            note.setString(1, check);
            note.executeUpdate();
        }
    }

    /** Makes the next balance check due after {@code wait} (a check that could not run). */
    static void retrySoon(Connection c, Duration wait) throws SQLException {
        try (PreparedStatement retry = c.prepareStatement(RETRY_SOON)) {
            retry.setLong(1, wait.toMillis());
            retry.executeUpdate();
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The pause row as read. */
    record State(boolean paused, String reason, Instant since) {
    }

    /** A pause that was lifted. */
    record Resumed(Instant since, String reason, Instant at) {
    }
}
