package dev.genqueue.worker.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.common.contract.DeliveryMode;
import dev.genqueue.common.contract.Json;
import dev.genqueue.common.job.JobStatus;
import dev.genqueue.worker.dispatch.Claim;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A job row as a claim returned it. Immutable: what changes while the job is worked on (version, status,
 * attempts, task id) is tracked by its {@link Lease}.
 *
 * @param version   the fencing token the claim produced
 * @param delivery  the delivery mode the request named (after the first submit: the mode in effect),
 *                  {@code null} for the deployment default
 * @param taskRetries new tasks started after failed ones, the retry budget used so far
 * @param costUsd   estimated cost of the current task, 0 once refunded, {@code null} when unknown
 * @param callbackReceivedAt when the last callback for the current task arrived, {@code null} if none
 * @param callbackPayload    that callback's body (an unconfirmed hint), {@code null} if none
 * @param callbackUrlSent whether the current attempt was submitted with a callback URL (a token hash is stored)
 * @param adoptUntil until when a job found in SUBMITTING waits for its orphaned task to announce itself,
 *                  {@code null} when no such wait was started
 * @param dueAt     when the job was due ({@code next_run_at} before the claim)
 * @param claimedAt the database time of the claim
 */
public record ClaimedJob(
        UUID id,
        long version,
        JobStatus status,
        String tenantId,
        String requestId,
        String projectId,
        String model,
        ObjectNode input,
        DeliveryMode delivery,
        int attempts,
        String apixoTaskId,
        int polls,
        int transientFailures,
        int taskRetries,
        BigDecimal costUsd,
        Instant callbackReceivedAt,
        String callbackPayload,
        List<String> resultUrls,
        Instant acceptedAt,
        Instant submittedAt,
        Instant deadlineAt,
        boolean callbackUrlSent,
        Instant adoptUntil,
        Instant dueAt,
        Instant claimedAt) {

    /** The columns {@link #read} expects, qualified by the alias {@code j} of the job table. */
    public static final String COLUMNS = """
            j.id, j.version, j.status, j.tenant_id, j.request_id, j.project_id, j.model, j.input::text AS input,
            j.delivery, j.attempts, j.apixo_task_id, j.polls, j.transient_failures, j.task_retries, j.cost_usd,
            j.callback_received_at, j.callback_payload::text AS callback_payload, j.result_urls::text AS result_urls,
            j.accepted_at, j.submitted_at, j.deadline_at,
            j.callback_token_hash IS NOT NULL AS callback_url_sent, j.adopt_until""";

    public ClaimedJob {
        resultUrls = resultUrls == null ? List.of() : List.copyOf(resultUrls);
    }

    /** A job with no callback URL on its current attempt and no adoption wait. */
    public ClaimedJob(UUID id, long version, JobStatus status, String tenantId, String requestId, String projectId,
            String model, ObjectNode input, DeliveryMode delivery, int attempts, String apixoTaskId, int polls,
            int transientFailures, int taskRetries, BigDecimal costUsd, Instant callbackReceivedAt,
            String callbackPayload, List<String> resultUrls, Instant acceptedAt, Instant submittedAt,
            Instant deadlineAt, Instant dueAt, Instant claimedAt) {
        this(id, version, status, tenantId, requestId, projectId, model, input, delivery, attempts, apixoTaskId, polls,
                transientFailures, taskRetries, costUsd, callbackReceivedAt, callbackPayload, resultUrls, acceptedAt,
                submittedAt, deadlineAt, false, null, dueAt, claimedAt);
    }

    /** Time left until the max wait runs out, as seen at the claim; negative once it has. */
    public Duration untilDeadline() {
        return deadlineAt == null ? Duration.ofDays(365) : Duration.between(claimedAt, deadlineAt);
    }

    /** Whether the claim happened at or after the deadline: the status query is the final check. */
    public boolean pastDeadline() {
        return deadlineAt != null && !claimedAt.isBefore(deadlineAt);
    }

    /** Claim time minus due time. */
    public Duration lateness() {
        return dueAt == null ? Duration.ZERO : Duration.between(dueAt, claimedAt);
    }

    /** Reads one row of a claim: {@link #COLUMNS} plus {@code due_at} and {@code claimed_at}. */
    public static ClaimedJob read(ResultSet rs) throws SQLException {
        return new ClaimedJob(
                rs.getObject("id", UUID.class),
                rs.getLong("version"),
                JobStatus.valueOf(rs.getString("status")),
                rs.getString("tenant_id"),
                rs.getString("request_id"),
                rs.getString("project_id"),
                rs.getString("model"),
                objectNode(rs.getString("input")),
                rs.getString("delivery") == null ? null : DeliveryMode.parse(rs.getString("delivery")).orElse(null),
                rs.getInt("attempts"),
                rs.getString("apixo_task_id"),
                rs.getInt("polls"),
                rs.getInt("transient_failures"),
                rs.getInt("task_retries"),
                rs.getBigDecimal("cost_usd"),
                instant(rs, "callback_received_at"),
                rs.getString("callback_payload"),
                urls(rs.getString("result_urls")),
                instant(rs, "accepted_at"),
                instant(rs, "submitted_at"),
                instant(rs, "deadline_at"),
                rs.getBoolean("callback_url_sent"),
                instant(rs, "adopt_until"),
                instant(rs, "due_at"),
                instant(rs, "claimed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static ObjectNode objectNode(String json) throws SQLException {
        try {
            JsonNode node = Json.mapper().readTree(json);
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new SQLException("job input is not a JSON object");
        } catch (JsonProcessingException e) {
            throw new SQLException("job input is not JSON", e);
        }
    }

    private static List<String> urls(String json) throws SQLException {
        if (json == null) {
            return List.of();
        }
        try {
            List<String> urls = new ArrayList<>();
            Json.mapper().readTree(json).forEach(node -> urls.add(node.asText()));
            return urls;
        } catch (JsonProcessingException e) {
            throw new SQLException("job result_urls is not JSON", e);
        }
    }
}
