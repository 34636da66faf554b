package dev.genqueue.worker.support;

import dev.genqueue.common.job.JobStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads (and, for takeover scenarios, plants) job-store rows with plain SQL, as an operator would. */
@ApplicationScoped
public class JobStoreQueries {

    private final DataSource dataSource;

    JobStoreQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One job row. */
    public record JobRow(UUID id, JobStatus status, long version, int attempts, String taskId, String failCode,
            String failMsg, String leaseOwner, Instant nextRunAt, String delivery, int taskRetries, BigDecimal costUsd,
            Instant callbackReceivedAt, Instant submittedAt, Instant apixoCompletedAt, Instant finishedAt) {
    }

    /** One history entry. */
    public record TransitionRow(JobStatus from, JobStatus to, int attempt, String taskId, String reason, Instant at) {
    }

    /** One stored output. */
    public record OutputRow(int index, String originalUrl, String location, long sizeBytes, String sha256,
            String contentType) {
    }

    /** One dead letter. */
    public record DeadLetterRow(String kind, String topic, int partition, long offset, String key, String payload,
            String reason) {
    }

    public Optional<JobRow> jobByRequest(String tenantId, String requestId) {
        return one("SELECT * FROM job WHERE tenant_id = ? AND request_id = ?", JobStoreQueries::job, tenantId,
                requestId);
    }

    public JobRow job(UUID id) {
        return one("SELECT * FROM job WHERE id = ?", JobStoreQueries::job, id).orElseThrow();
    }

    public long jobCount(String tenantId) {
        return one("SELECT count(*) FROM job WHERE tenant_id = ?", rs -> rs.getLong(1), tenantId).orElse(0L);
    }

    public List<TransitionRow> history(UUID jobId) {
        return list("SELECT * FROM job_transition WHERE job_id = ? ORDER BY id", rs -> new TransitionRow(
                rs.getString("from_status") == null ? null : JobStatus.valueOf(rs.getString("from_status")),
                JobStatus.valueOf(rs.getString("to_status")), rs.getInt("attempt"), rs.getString("apixo_task_id"),
                rs.getString("reason"), instant(rs, "at")), jobId);
    }

    public List<OutputRow> outputs(UUID jobId) {
        return list("SELECT * FROM job_output WHERE job_id = ? ORDER BY idx", rs -> new OutputRow(rs.getInt("idx"),
                rs.getString("original_url"), rs.getString("location"), rs.getLong("size_bytes"), rs.getString("sha256"),
                rs.getString("content_type")), jobId);
    }

    /** Payloads of outbox rows for one topic and key. */
    public List<String> outboxPayloads(String topic, String key) {
        return list("SELECT payload FROM outbox WHERE topic = ? AND record_key = ? ORDER BY id", rs -> rs.getString(1),
                topic, key);
    }

    public Optional<DeadLetterRow> deadLetterByKey(String key) {
        return one("SELECT * FROM dead_letter WHERE record_key = ?", rs -> new DeadLetterRow(rs.getString("kind"),
                rs.getString("source_topic"), rs.getInt("source_partition"), rs.getLong("source_offset"),
                rs.getString("record_key"), rs.getString("payload"), rs.getString("reason")), key);
    }

    public long deadLetterCount(String key) {
        return one("SELECT count(*) FROM dead_letter WHERE record_key = ?", rs -> rs.getLong(1), key).orElse(0L);
    }

    /** Runs a statement (test setup only); answers the update count. */
    public int execute(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, params);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Dead letters of kind {@code job} for one job: (reason, payload). */
    public List<DeadLetterRow> jobDeadLetters(UUID jobId) {
        return list("SELECT * FROM dead_letter WHERE job_id = ? AND kind = 'job'", rs -> new DeadLetterRow(
                rs.getString("kind"), null, 0, 0, null, rs.getString("payload"), rs.getString("reason")), jobId);
    }

    /** A single value of a query (counts, sums). */
    public <T> T value(String sql, Class<T> type, Object... params) {
        return one(sql, rs -> rs.getObject(1, type), params).orElse(null);
    }

    private static JobRow job(ResultSet rs) throws SQLException {
        return new JobRow(rs.getObject("id", UUID.class), JobStatus.valueOf(rs.getString("status")),
                rs.getLong("version"), rs.getInt("attempts"), rs.getString("apixo_task_id"), rs.getString("fail_code"),
                rs.getString("fail_msg"), rs.getString("lease_owner"), instant(rs, "next_run_at"),
                rs.getString("delivery"), rs.getInt("task_retries"), rs.getBigDecimal("cost_usd"),
                instant(rs, "callback_received_at"), instant(rs, "submitted_at"), instant(rs, "apixo_completed_at"),
                instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private <T> Optional<T> one(String sql, Row<T> row, Object... params) {
        List<T> rows = list(sql, row, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private <T> List<T> list(String sql, Row<T> row, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, params);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.map(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
    }

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }
}
