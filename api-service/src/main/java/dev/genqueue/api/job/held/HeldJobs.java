package dev.genqueue.api.job.held;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genqueue.common.contract.ResultEvent;
import dev.genqueue.common.contract.Topics;
import dev.genqueue.common.job.JobStatus;
import dev.genqueue.store.callback.CallbackHints;
import dev.genqueue.store.outbox.OutboxRecord;
import dev.genqueue.store.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Resolves HELD jobs (submits whose outcome was unknown, held for review) in one transaction: resubmit
 * ({@code HELD → QUEUED}, due now) or fail ({@code HELD → FAILED} with its result event, through the outbox).
 * Each change is fenced by status and version and recorded in the job's history with the operator's reason.
 */
@ApplicationScoped
public class HeldJobs {

    /** The fail code of a held job an operator failed. */
    public static final String FAIL_CODE = "HELD_FAILED";

    private static final String SELECT = """
            SELECT id, version, tenant_id, request_id, project_id, model, attempts, apixo_task_id, cost_usd,
                   accepted_at, submitted_at, updated_at
              FROM job
             WHERE status = 'HELD' AND (?::uuid[] IS NULL OR id = ANY(?::uuid[]))
               AND (?::text IS NULL OR model = ?) AND (?::timestamptz IS NULL OR updated_at < ?)
             ORDER BY updated_at, id
             LIMIT ?
            """;
    private static final String LOCK = " FOR UPDATE SKIP LOCKED";
    private static final String COUNT = """
            SELECT count(*) FROM job
             WHERE status = 'HELD' AND (?::uuid[] IS NULL OR id = ANY(?::uuid[]))
               AND (?::text IS NULL OR model = ?) AND (?::timestamptz IS NULL OR updated_at < ?)
            """;
    private static final String RESUBMIT = """
            UPDATE job SET status = 'QUEUED', version = version + 1, updated_at = now(), next_run_at = now(),
                   lease_owner = NULL, transient_failures = 0
             WHERE id = ? AND version = ? AND status = 'HELD'
            """;
    private static final String FAIL = """
            UPDATE job SET status = 'FAILED', version = version + 1, updated_at = now(), finished_at = now(),
                   next_run_at = NULL, lease_owner = NULL, fail_code = ?, fail_msg = ?
             WHERE id = ? AND version = ? AND status = 'HELD'
            RETURNING finished_at
            """;
    private static final String TRANSITION = """
            INSERT INTO job_transition (job_id, from_status, to_status, at, attempt, apixo_task_id, reason)
            VALUES (?, 'HELD', ?, now(), ?, ?, ?)
            """;
    private static final String NOTIFY = "SELECT pg_notify('" + CallbackHints.JOBS_DUE_CHANNEL + "', '')";

    private final EntityManager entityManager;
    private final OutboxWriter outbox;
    private final ObjectMapper mapper;

    HeldJobs(EntityManager entityManager, OutboxWriter outbox, ObjectMapper mapper) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.mapper = mapper;
    }

    /** Resolves (or, for a dry run, only lists) the held jobs the request selects, oldest first. */
    @Transactional
    public HeldResolution resolve(HeldRequest request) {
        return entityManager.unwrap(Session.class).doReturningWork(c -> resolve(c, request));
    }

    private HeldResolution resolve(Connection c, HeldRequest request) throws SQLException {
        List<HeldResolution.Item> items = new ArrayList<>();
        List<OutboxRecord> events = new ArrayList<>();
        boolean anyResubmitted = false;
        try (PreparedStatement select = c.prepareStatement(SELECT + (request.dryRun() ? "" : LOCK))) {
            int next = bindFilter(c, select, request);
            select.setInt(next, request.limit());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Held held = Held.read(rs);
                    if (request.dryRun()) {
                        items.add(held.item(request.action().wouldBe()));
                    } else if (request.action() == HeldRequest.Action.RESUBMIT) {
                        if (resubmit(c, held, request.reason())) {
                            anyResubmitted = true;
                            items.add(held.item("resubmitted"));
                        }
                    } else {
                        Instant finishedAt = fail(c, held, request.reason());
                        if (finishedAt != null) {
                            events.add(event(held, request.reason(), finishedAt));
                            items.add(held.item("failed"));
                        }
                    }
                }
            }
        }
        if (!events.isEmpty()) {
            outbox.appendAll(events);
        }
        if (anyResubmitted) {
            try (PreparedStatement notify = c.prepareStatement(NOTIFY); ResultSet ignored = notify.executeQuery()) {
                // workers listening claim the resubmitted jobs at commit
            }
        }
        long matching;
        try (PreparedStatement count = c.prepareStatement(COUNT)) {
            bindFilter(c, count, request);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                matching = rs.getLong(1);
            }
        }
        // after a real resolution the count is what is still held; a dry run changed nothing
        long remaining = request.dryRun() ? Math.max(0, matching - items.size()) : matching;
        return new HeldResolution(request.action().wireName(), request.dryRun(), items.size(), remaining, items);
    }

    private static int bindFilter(Connection c, PreparedStatement statement, HeldRequest request) throws SQLException {
        Object ids = request.ids() == null ? null : c.createArrayOf("uuid", request.ids().toArray());
        statement.setObject(1, ids);
        statement.setObject(2, ids);
        statement.setString(3, request.model());
        statement.setString(4, request.model());
        Timestamp before = request.heldBefore() == null ? null : Timestamp.from(request.heldBefore());
        statement.setTimestamp(5, before);
        statement.setTimestamp(6, before);
        return 7;
    }

    private static boolean resubmit(Connection c, Held held, String reason) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(RESUBMIT)) {
            update.setObject(1, held.id());
            update.setLong(2, held.version());
            if (update.executeUpdate() == 0) {
                return false;
            }
        }
        transition(c, held, JobStatus.QUEUED, "resubmitted by an operator: " + reason);
        return true;
    }

    private static Instant fail(Connection c, Held held, String reason) throws SQLException {
        Instant finishedAt;
        try (PreparedStatement update = c.prepareStatement(FAIL)) {
            update.setString(1, FAIL_CODE);
            update.setString(2, reason);
            update.setObject(3, held.id());
            update.setLong(4, held.version());
            try (ResultSet rs = update.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                finishedAt = rs.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
        transition(c, held, JobStatus.FAILED, "failed by an operator: " + reason);
        return finishedAt;
    }

    private static void transition(Connection c, Held held, JobStatus to, String reason) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(TRANSITION)) {
            insert.setObject(1, held.id());
            insert.setString(2, to.name());
            insert.setInt(3, held.attempts());
            insert.setString(4, held.taskId());
            insert.setString(5, reason);
            insert.executeUpdate();
        }
    }

    private OutboxRecord event(Held held, String reason, Instant finishedAt) {
        ResultEvent event = new ResultEvent(ResultEvent.idFor(held.id()), ResultEvent.SCHEMA_VERSION, held.id(),
                held.requestId(), held.tenantId(), held.projectId(), held.model(), JobStatus.FAILED, held.taskId(),
                List.of(), FAIL_CODE, reason, held.attempts(), held.costUsd(), held.acceptedAt(), held.submittedAt(),
                finishedAt);
        try {
            return new OutboxRecord(event.eventId(), Topics.RESULTS, held.id().toString(),
                    mapper.writeValueAsString(event), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a result event always serialises", e);
        }
    }

    private record Held(UUID id, long version, String tenantId, String requestId, String projectId, String model,
            int attempts, String taskId, BigDecimal costUsd, Instant acceptedAt, Instant submittedAt,
            Instant heldSince) {

        static Held read(ResultSet rs) throws SQLException {
            return new Held(rs.getObject("id", UUID.class), rs.getLong("version"), rs.getString("tenant_id"),
                    rs.getString("request_id"), rs.getString("project_id"), rs.getString("model"),
                    rs.getInt("attempts"), rs.getString("apixo_task_id"), rs.getBigDecimal("cost_usd"),
                    instant(rs, "accepted_at"), instant(rs, "submitted_at"), instant(rs, "updated_at"));
        }

        HeldResolution.Item item(String outcome) {
            return new HeldResolution.Item(id, model, attempts, heldSince, outcome);
        }

        private static Instant instant(ResultSet rs, String column) throws SQLException {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
    }
}
