package dev.genqueue.api.deadletter;

import dev.genqueue.common.job.JobStatus;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Dead letters for tests, written the way the worker writes them: refused request records with their topic
 * coordinates, and exhausted jobs. Each test takes its own reason tag or time window, so tests sharing the
 * database never see each other's records.
 */
@ApplicationScoped
public class DeadLetterRecords {

    /** The tenant of every request these tests build. */
    public static final String TENANT = "dead-letter-tenant";

    private static final AtomicLong OFFSETS = new AtomicLong();
    private static final AtomicInteger WINDOWS = new AtomicInteger();
    private static final Instant EPOCH = Instant.parse("1990-01-01T00:00:00Z");

    private final AgroalDataSource dataSource;

    DeadLetterRecords(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A text no other test uses, to put into reasons. */
    public static String tag() {
        return "tag-" + UUID.randomUUID();
    }

    /** The start of a day no other test uses; records created in it are this test's alone. */
    public static Instant window() {
        return EPOCH.plus(Duration.ofDays(WINDOWS.incrementAndGet()));
    }

    /** A valid request body with its own request id. */
    public static String validRequest(String requestId) {
        return """
                {"requestId": "%s", "tenantId": "%s", "model": "nano-banana", "input": {"prompt": "a fixed fox"}}"""
                .formatted(requestId, TENANT);
    }

    /** A request body the validator refuses: no prompt. */
    public static String requestWithoutPrompt(String requestId) {
        return """
                {"requestId": "%s", "tenantId": "%s", "model": "nano-banana", "input": {}}"""
                .formatted(requestId, TENANT);
    }

    /** An intake dead letter created now. */
    public UUID intake(String payload, String reason) {
        return intake(payload, reason, null);
    }

    /** An intake dead letter created at {@code createdAt} ({@code null}: now). */
    public UUID intake(String payload, String reason, Instant createdAt) {
        UUID id = UUID.randomUUID();
        long offset = OFFSETS.incrementAndGet();
        update("""
                INSERT INTO dead_letter (id, kind, source_topic, source_partition, source_offset, record_key, payload,
                                         reason, created_at)
                VALUES (?, 'intake', 'genqueue.requests.v1', 0, ?, ?, ?, ?, coalesce(?::timestamptz, now()))""",
                id, offset, "key-" + offset, payload, reason, timestamp(createdAt));
        return id;
    }

    /** A job that failed for good, and its dead letter. */
    public UUID exhaustedJob(UUID jobId, String reason) {
        UUID id = UUID.randomUUID();
        update("""
                INSERT INTO dead_letter (id, kind, payload, reason, job_id, created_at)
                VALUES (?, 'job', NULL, ?, ?, now())""", id, reason, jobId);
        return id;
    }

    /** A job row with a valid request, in {@code status}. */
    public UUID job(String requestId, JobStatus status) {
        UUID id = UUID.randomUUID();
        update("""
                INSERT INTO job (id, tenant_id, request_id, request_fingerprint, project_id, model, input, delivery,
                                 source, status, attempts, fail_code, accepted_at, finished_at, updated_at)
                VALUES (?, ?, ?, 'test', 'launch', 'veo-3-1', '{"prompt": "a slow pan", "mode": "fast"}'::jsonb,
                        'POLLING', 'KAFKA', ?, 3, 'GENERATION_FAILED', now(), now(), now())""",
                id, TENANT, requestId, status.name());
        return id;
    }

    /** Moves a job to a terminal state, as the worker does when its retries run out. */
    public void finish(UUID jobId, JobStatus status) {
        update("UPDATE job SET status = ?, finished_at = now(), next_run_at = NULL WHERE id = ?", status.name(), jobId);
    }

    /** The request id of a job. */
    public String requestIdOf(UUID jobId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT request_id FROM job WHERE id = ?")) {
            select.setObject(1, jobId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many jobs a tenant's request id has. */
    public long jobsWithRequestId(String requestId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT count(*) FROM job WHERE tenant_id = ? AND request_id = ?")) {
            select.setString(1, TENANT);
            select.setString(2, requestId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
