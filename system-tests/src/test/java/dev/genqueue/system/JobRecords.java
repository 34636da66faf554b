package dev.genqueue.system;

import dev.genqueue.common.job.JobStatus;
import dev.genqueue.stack.GenqueueStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads the job store directly, as an auditor would: jobs and their transition history. */
final class JobRecords {

    /** A job row's identity and current state. */
    record JobRow(UUID id, String requestId, JobStatus status) {
    }

    /** One {@code job_transition} row; {@code from} is null for the creation. */
    record Transition(JobStatus from, JobStatus to) {
    }

    private final GenqueueStack stack;

    JobRecords(GenqueueStack stack) {
        this.stack = stack;
    }

    /** The tenant's jobs keyed by request id. */
    Map<String, JobRow> jobsOf(String tenantId) {
        Map<String, JobRow> jobs = new HashMap<>();
        query("SELECT id, request_id, status FROM job WHERE tenant_id = ?", tenantId, rs -> {
            JobRow row = new JobRow((UUID) rs.getObject(1), rs.getString(2), JobStatus.fromWire(rs.getString(3)));
            jobs.put(row.requestId(), row);
        });
        return jobs;
    }

    /** The tenant's job histories in the order they were written. */
    Map<UUID, List<Transition>> historiesOf(String tenantId) {
        Map<UUID, List<Transition>> histories = new LinkedHashMap<>();
        query("SELECT t.job_id, t.from_status, t.to_status FROM job_transition t JOIN job j ON j.id = t.job_id"
                + " WHERE j.tenant_id = ? ORDER BY t.job_id, t.id", tenantId, rs -> {
                    String from = rs.getString(2);
                    histories.computeIfAbsent((UUID) rs.getObject(1), id -> new ArrayList<>())
                            .add(new Transition(from == null ? null : JobStatus.fromWire(from),
                                    JobStatus.fromWire(rs.getString(3))));
                });
        return histories;
    }

    private interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }

    private void query(String sql, String parameter, RowHandler handler) {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), stack.postgres().user(),
                stack.postgres().password());
                PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    handler.accept(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }
}
