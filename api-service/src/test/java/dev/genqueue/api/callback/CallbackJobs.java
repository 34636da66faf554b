package dev.genqueue.api.callback;

import dev.genqueue.common.job.JobStatus;
import dev.genqueue.store.callback.CallbackTokens;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Job rows for webhook tests, written the way a worker leaves them after a callback-mode submit: the
 * token's hash stored, the next safety poll scheduled well in the future.
 */
@ApplicationScoped
public class CallbackJobs {

    private final AgroalDataSource dataSource;

    CallbackJobs(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A job awaiting a callback for {@code taskId}; its poll is due in ten minutes, no lease. */
    public UUID awaiting(JobStatus status, String taskId, String token) {
        return insert(status, taskId, token, null);
    }

    /** A job a worker holds right now (lease expiring in five minutes). */
    public UUID leased(JobStatus status, String taskId, String token) {
        return insert(status, taskId, token, "worker-1");
    }

    /** The job as the webhook may have changed it. */
    public Row row(UUID id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement("""
                SELECT status, version, next_run_at, callback_received_at, callback_payload::text AS payload,
                       (SELECT count(*) FROM job_transition t WHERE t.job_id = job.id) AS transitions
                  FROM job WHERE id = ?""")) {
            select.setObject(1, id);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return new Row(JobStatus.valueOf(rs.getString("status")), rs.getLong("version"),
                        instant(rs, "next_run_at"), instant(rs, "callback_received_at"), rs.getString("payload"),
                        rs.getLong("transitions"));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes the database refuse every update of this one job until closed, the way a failing database would
     * refuse the webhook's transaction; other jobs are unaffected.
     */
    public AutoCloseable refuseUpdates(UUID id) {
        String trigger = "refuse_" + id.toString().replace('-', '_');
        execute("""
                CREATE OR REPLACE FUNCTION refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'updates refused'; END $$""");
        execute("CREATE TRIGGER " + trigger + " BEFORE UPDATE ON job FOR EACH ROW WHEN (NEW.id = '" + id
                + "'::uuid) EXECUTE FUNCTION refuse_update()");
        return () -> execute("DROP TRIGGER " + trigger + " ON job");
    }

    /** The single number a query returns. */
    long count(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql);
                ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The database's clock. */
    public Instant now() {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement("SELECT now()");
                ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).toInstant();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void execute(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private UUID insert(JobStatus status, String taskId, String token, String leaseOwner) {
        UUID id = UUID.randomUUID();
        String nextRun = leaseOwner == null ? "now() + interval '10 minutes'" : "now() + interval '5 minutes'";
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO job (id, tenant_id, request_id, request_fingerprint, model, input, delivery, source, status,
                                 attempts, apixo_task_id, next_run_at, lease_owner, version, callback_token_hash,
                                 accepted_at, submitted_at, updated_at)
                VALUES (?, 'callback-tenant', ?, 'test', 'nano-banana',
                        '{"prompt": "a callback", "mode": "text-to-image"}'::jsonb, 'CALLBACK', 'KAFKA', ?, 1, ?,
                        %s, ?, 7, ?, now(), now(), now() - interval '1 minute')""".formatted(nextRun))) {
            insert.setObject(1, id);
            insert.setString(2, "callback-" + id);
            insert.setString(3, status.name());
            insert.setString(4, taskId);
            insert.setString(5, leaseOwner);
            insert.setString(6, token == null ? null : CallbackTokens.hash(token));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** What the webhook may change on a job, and what it must not. */
    public record Row(JobStatus status, long version, Instant nextRunAt, Instant callbackReceivedAt, String payload,
            long transitions) {
    }
}
