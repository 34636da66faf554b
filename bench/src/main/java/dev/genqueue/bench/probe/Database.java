package dev.genqueue.bench.probe;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The harness's read-mostly view of the job store: counters, sizes and job timelines. Statistics of the
 * benchmark database are read through a connection to {@code postgres}, so reading them adds no transaction
 * to what is being counted.
 */
public final class Database {

    /** The tables a job's data lives in, for size per job. */
    public static final List<String> JOB_TABLES = List.of("job", "job_transition", "job_output", "outbox");

    private final String url;
    private final String user;
    private final String password;
    private final String database;

    public Database(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
    }

    /** Committed transactions of the benchmark database so far ({@code pg_stat_database.xact_commit}). */
    public long committedTransactions() {
        String statsUrl = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
        try (Connection c = DriverManager.getConnection(statsUrl, user, password);
                PreparedStatement query = c.prepareStatement(
                        "SELECT xact_commit FROM pg_stat_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_database: " + e.getMessage(), e);
        }
    }

    /** Bytes of the job tables including indexes and TOAST. */
    public long jobTablesBytes() {
        long total = 0;
        for (String table : JOB_TABLES) {
            total += queryLong("SELECT pg_total_relation_size('" + table + "')");
        }
        return total;
    }

    public long countJobs() {
        return queryLong("SELECT count(*) FROM job");
    }

    public long countJobs(String tenant) {
        return queryLong("SELECT count(*) FROM job WHERE tenant_id = ?", tenant);
    }

    /** Jobs of a tenant per status. */
    public Map<String, Long> statusCounts(String tenant) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        withConnection(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT status, count(*) FROM job WHERE tenant_id = ? GROUP BY status")) {
                query.setString(1, tenant);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return null;
        });
        return counts;
    }

    /** A job as the timeline measurements need it. */
    public record JobRow(UUID id, String requestId, String model, String delivery, String status, String taskId,
            int polls, long acceptedAtMillis, long submittedAtMillis, long apixoCompletedAtMillis,
            long finishedAtMillis) {
    }

    /** Every job of a tenant; times are epoch milliseconds, 0 when unset. */
    public List<JobRow> jobs(String tenant) {
        return withConnection(c -> {
            List<JobRow> rows = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("""
                    SELECT id, request_id, model, delivery, status, apixo_task_id, polls,
                           extract(epoch FROM accepted_at) * 1000, extract(epoch FROM submitted_at) * 1000,
                           extract(epoch FROM apixo_completed_at) * 1000, extract(epoch FROM finished_at) * 1000
                      FROM job WHERE tenant_id = ?""")) {
                query.setString(1, tenant);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new JobRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getLong(8),
                                rs.getLong(9), rs.getLong(10), rs.getLong(11)));
                    }
                }
            }
            return rows;
        });
    }

    /**
     * Empties the job tables between scenarios, so sizes and counts see one scenario's jobs only. Run with no
     * worker attached: a worker would find its leased jobs gone.
     */
    public void truncateJobs() {
        execute("TRUNCATE job, job_transition, job_output, outbox, dead_letter");
    }

    public void execute(String sql) {
        withConnection(c -> {
            try (Statement statement = c.createStatement()) {
                statement.execute(sql);
            }
            return null;
        });
    }

    /** Text of a query's plan lines, e.g. for {@code EXPLAIN (ANALYZE, BUFFERS) ...}. */
    public List<String> lines(String sql) {
        return withConnection(c -> {
            List<String> lines = new ArrayList<>();
            try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
            return lines;
        });
    }

    /** The value of a server setting, if it exists. */
    public Optional<String> setting(String name) {
        return withConnection(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT setting FROM pg_settings WHERE name = ?")) {
                query.setString(1, name);
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    public long queryLong(String sql, Object... parameters) {
        return withConnection(c -> {
            try (PreparedStatement query = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    query.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Work on one short-lived connection. */
    public <T> T withConnection(SqlWork<T> work) {
        try (Connection c = connect()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new IllegalStateException("database: " + e.getMessage(), e);
        }
    }

    /** A piece of JDBC work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T apply(Connection c) throws SQLException;
    }
}
