package dev.genqueue.store.sql;

import java.sql.SQLException;

/** What PostgreSQL's SQL state of a failure says about retrying it. */
public final class SqlStates {

    private SqlStates() {
    }

    /** The SQL state of the first {@link SQLException} in the cause chain that has one, or {@code null}. */
    public static String of(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /**
     * A lost or refused connection (08xxx) or a server shutting down, crashed or starting up (57P01–57P03): a
     * passing outage of the database, not something wrong with the statement. The same work may succeed later.
     */
    public static boolean databaseUnavailable(Throwable error) {
        String state = of(error);
        return state != null && (state.startsWith("08") || state.matches("57P0[123]"));
    }

    /**
     * Data exceptions (22xxx), integrity violations (23xxx) and size limits (54xxx): the statement fails the
     * same way every time it is tried.
     */
    public static boolean refusedData(Throwable error) {
        String state = of(error);
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
    }

    /**
     * A statement cancelled by a bound of the session: {@code statement_timeout} (57014, query_canceled) or
     * {@code lock_timeout} (55P03, lock_not_available). The database is up but too slow or contended right now.
     */
    public static boolean timedOut(Throwable error) {
        String state = of(error);
        return "57014".equals(state) || "55P03".equals(state);
    }
}
