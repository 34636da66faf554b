package dev.genqueue.system.chaos;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The job store as an auditor reads it, over plain JDBC. A PostgreSQL restart is part of the chaos, so each
 * call retries connection failures (SQL states 08xxx and 57Pxx) for up to a minute before giving up.
 */
final class ChaosDatabase {

    private static final Duration RETRY_FOR = Duration.ofSeconds(60);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    private final Supplier<String> jdbcUrl;
    private final String user;
    private final String password;

    ChaosDatabase(Supplier<String> jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** The first column of the first row, as a long (0 for NULL or no row). */
    long number(String sql, Object... params) {
        List<List<Object>> rows = rows(sql, params);
        if (rows.isEmpty() || rows.get(0).get(0) == null) {
            return 0;
        }
        return ((Number) rows.get(0).get(0)).longValue();
    }

    /** Every row of a query as a list of column values. */
    List<List<Object>> rows(String sql, Object... params) {
        return withRetry(() -> {
            try (Connection c = connect(); PreparedStatement statement = prepare(c, sql, params);
                    ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                List<List<Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(columns);
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        });
    }

    /** Runs a statement that returns no rows; answers the update count. */
    int execute(String sql, Object... params) {
        return withRetry(() -> {
            try (Connection c = connect(); PreparedStatement statement = prepare(c, sql, params)) {
                return statement.executeUpdate();
            }
        });
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl.get(), user, password);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object value = params[i];
            if (value instanceof Object[] array) {
                String type = array.length > 0 && array[0] instanceof java.util.UUID ? "uuid" : "text";
                statement.setArray(i + 1, c.createArrayOf(type, array));
            } else {
                statement.setObject(i + 1, value);
            }
        }
        return statement;
    }

    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    private static <T> T withRetry(SqlCall<T> call) {
        long deadline = System.nanoTime() + RETRY_FOR.toNanos();
        while (true) {
            try {
                return call.call();
            } catch (SQLException e) {
                if (!isConnectionTrouble(e) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("query failed: " + e.getMessage(), e);
                }
                pause();
            }
        }
    }

    // connection exceptions and the server shutting down: what a restart looks like from a client
    private static boolean isConnectionTrouble(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("57P");
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
        }
    }
}
