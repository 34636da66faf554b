package dev.genqueue.store.deadletter;

import dev.genqueue.common.job.JobStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The SQL of redrive: select candidates, lock them, load their jobs, record each attempt. */
final class RedriveStore {

    // id order: concurrent redrives of overlapping sets lock in the same order and cannot deadlock
    private static final String LOCK = """
            SELECT id, kind, payload, job_id, redriven_at IS NOT NULL AS redriven, redriven_job_id
              FROM dead_letter WHERE id = ANY(?) ORDER BY id FOR UPDATE""";
    private static final String JOBS = """
            SELECT id, status, tenant_id, request_id, project_id, model, input::text AS input, delivery
              FROM job WHERE id = ANY(?)""";
    // SET reads the row's old values, so original_* keep what the record had before its first change
    private static final String RECORD = """
            UPDATE dead_letter d SET
                   redrive_count = d.redrive_count + 1, last_redrive_at = now(), last_redrive_outcome = u.outcome,
                   redriven_at = CASE WHEN u.redriven THEN now() ELSE d.redriven_at END,
                   redriven_job_id = CASE WHEN u.redriven THEN u.job_id ELSE d.redriven_job_id END,
                   original_reason = CASE WHEN u.reason IS NULL THEN d.original_reason
                                          ELSE coalesce(d.original_reason, d.reason) END,
                   reason = coalesce(u.reason, d.reason),
                   original_payload = CASE WHEN u.payload IS NULL THEN d.original_payload
                                           ELSE coalesce(d.original_payload, d.payload) END,
                   payload = coalesce(u.payload, d.payload)
              FROM unnest(?::uuid[], ?::text[], ?::boolean[], ?::uuid[], ?::text[], ?::text[])
                   AS u(id, outcome, redriven, job_id, reason, payload)
             WHERE d.id = u.id""";
    private static final String ORDER = " ORDER BY d.last_redrive_at NULLS FIRST, d.created_at, d.id LIMIT ?";

    private RedriveStore() {
    }

    /** Ids of not-yet-redriven records matching {@code filter}: never attempted first, then oldest first. */
    static List<UUID> select(Connection c, DeadLetterFilter filter, int limit) throws SQLException {
        FilterSql where = FilterSql.of(pending(filter));
        try (PreparedStatement select = c.prepareStatement("SELECT d.id FROM dead_letter d" + where.sql() + ORDER)) {
            select.setInt(where.bindFrom(select, 1), limit);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    /** How many not-yet-redriven records match {@code filter}. */
    static long count(Connection c, DeadLetterFilter filter) throws SQLException {
        FilterSql where = FilterSql.of(pending(filter));
        try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM dead_letter d" + where.sql())) {
            where.bindFrom(count, 1);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Locks the records with these ids until the transaction ends. */
    static Map<UUID, RedriveCandidate> lock(Connection c, List<UUID> ids) throws SQLException {
        Map<UUID, RedriveCandidate> rows = new HashMap<>();
        try (PreparedStatement lock = c.prepareStatement(LOCK)) {
            lock.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = lock.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject("id", UUID.class);
                    rows.put(id, new RedriveCandidate(id, DeadLetterKind.parse(rs.getString("kind")).orElse(null),
                            rs.getString("kind"), rs.getString("payload"), rs.getObject("job_id", UUID.class),
                            rs.getBoolean("redriven"), rs.getObject("redriven_job_id", UUID.class)));
                }
            }
        }
        return rows;
    }

    /** The original jobs with these ids. */
    static Map<UUID, OriginalJob> jobs(Connection c, List<UUID> ids) throws SQLException {
        Map<UUID, OriginalJob> jobs = new HashMap<>();
        if (ids.isEmpty()) {
            return jobs;
        }
        try (PreparedStatement select = c.prepareStatement(JOBS)) {
            select.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject("id", UUID.class);
                    jobs.put(id, new OriginalJob(id, JobStatus.valueOf(rs.getString("status")),
                            rs.getString("tenant_id"), rs.getString("request_id"), rs.getString("project_id"),
                            rs.getString("model"), rs.getString("input"), rs.getString("delivery")));
                }
            }
        }
        return jobs;
    }

    /** Records one attempt per row: its outcome, the job it became, a new reason or payload. */
    static void record(Connection c, List<Attempt> attempts) throws SQLException {
        if (attempts.isEmpty()) {
            return;
        }
        int n = attempts.size();
        Object[] ids = new Object[n];
        String[] outcomes = new String[n];
        Boolean[] redriven = new Boolean[n];
        Object[] jobIds = new Object[n];
        String[] reasons = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            Attempt attempt = attempts.get(i);
            RedriveResult result = attempt.result();
            ids[i] = result.id();
            outcomes[i] = result.outcome().wireName();
            redriven[i] = result.outcome().isRedriven();
            jobIds[i] = result.jobId();
            reasons[i] = result.outcome().isRedriven() ? null : result.reason();
            payloads[i] = attempt.newPayload();
        }
        try (PreparedStatement update = c.prepareStatement(RECORD)) {
            update.setArray(1, c.createArrayOf("uuid", ids));
            update.setArray(2, c.createArrayOf("text", outcomes));
            update.setArray(3, c.createArrayOf("boolean", redriven));
            update.setArray(4, c.createArrayOf("uuid", jobIds));
            update.setArray(5, c.createArrayOf("text", reasons));
            update.setArray(6, c.createArrayOf("text", payloads));
            update.executeUpdate();
        }
    }

    private static DeadLetterFilter pending(DeadLetterFilter filter) {
        return new DeadLetterFilter(filter.kind(), filter.reason(), filter.from(), filter.to(), false);
    }

    /** One attempt to record: its result and the payload that replaces the stored one, if any. */
    record Attempt(RedriveResult result, String newPayload) {
    }
}
