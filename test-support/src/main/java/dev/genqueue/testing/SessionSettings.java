package dev.genqueue.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The bounds a pooled PostgreSQL session carries: what the server reports for its timeouts and the driver's
 * socket timeout ({@code socketTimeout}, as {@link Connection#getNetworkTimeout()}).
 */
public record SessionSettings(String statementTimeout, String lockTimeout, String idleInTransactionTimeout,
        int networkTimeoutMillis) {

    /** What both services ship: 30 s per statement, 10 s per lock wait, 1 min idle in a transaction, 60 s per read. */
    public static final SessionSettings SHIPPED = new SessionSettings("30s", "10s", "1min", 60_000);

    /** The settings of this session. */
    public static SessionSettings of(Connection connection) throws SQLException {
        return new SessionSettings(show(connection, "statement_timeout"), show(connection, "lock_timeout"),
                show(connection, "idle_in_transaction_session_timeout"), connection.getNetworkTimeout());
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
