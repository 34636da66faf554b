package dev.genqueue.store.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genqueue.common.contract.GenerationRequest;
import dev.genqueue.common.contract.RequestFingerprint;
import dev.genqueue.common.contract.Topics;
import dev.genqueue.store.outbox.OutboxRecord;
import dev.genqueue.store.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Turns validated requests into queued jobs, idempotently on {@code (tenantId, requestId)}. Both doors call
 * it, so a request behaves the same whichever way it arrives; a batch is one set-based insert.
 */
@ApplicationScoped
public class JobIntake {

    private static final String INSERT_JOBS = """
            INSERT INTO job (id, tenant_id, request_id, request_fingerprint, project_id, model, input, delivery,
                             source, status, next_run_at, accepted_at, updated_at)
            SELECT r.id, r.tenant_id, r.request_id, r.fingerprint, r.project_id, r.model, r.input::jsonb, r.delivery,
                   ?, 'QUEUED', now(), now(), now()
              FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                   AS r(id, tenant_id, request_id, fingerprint, project_id, model, input, delivery)
            ON CONFLICT (tenant_id, request_id) DO NOTHING
            RETURNING id
            """;
    private static final String INSERT_CREATED_TRANSITIONS = """
            INSERT INTO job_transition (job_id, from_status, to_status, at, attempt)
            SELECT id, NULL, 'QUEUED', now(), 0 FROM unnest(?::uuid[]) AS t(id)
            """;
    private static final String FIND_EXISTING = """
            SELECT j.id, j.request_fingerprint, j.tenant_id, j.request_id
              FROM job j JOIN unnest(?::text[], ?::text[]) AS k(tenant_id, request_id)
                ON j.tenant_id = k.tenant_id AND j.request_id = k.request_id
            """;

    private final EntityManager entityManager;
    private final OutboxWriter outbox;
    private final ObjectMapper mapper;

    JobIntake(EntityManager entityManager, OutboxWriter outbox, ObjectMapper mapper) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.mapper = mapper;
    }

    /** Accepts one request. */
    @Transactional
    public IntakeOutcome accept(GenerationRequest request, IntakeSource source) {
        return acceptAll(List.of(request), source).get(0);
    }

    /** Accepts a batch in one transaction; outcomes are in request order. */
    @Transactional
    public List<IntakeOutcome> acceptAll(List<GenerationRequest> requests, IntakeSource source) {
        if (requests.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = new ArrayList<>(requests.size());
        List<String> fingerprints = new ArrayList<>(requests.size());
        for (GenerationRequest request : requests) {
            ids.add(UUID.randomUUID());
            fingerprints.add(RequestFingerprint.of(request));
        }
        Set<UUID> created = session().doReturningWork(c -> insertJobs(c, requests, ids, fingerprints, source));
        List<GenerationRequest> createdRequests = new ArrayList<>();
        Map<String, ExistingJob> existing = created.size() == requests.size()
                ? Map.of()
                : session().doReturningWork(c -> findExisting(c, requests));
        List<IntakeOutcome> outcomes = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            GenerationRequest request = requests.get(i);
            if (created.contains(ids.get(i))) {
                outcomes.add(new IntakeOutcome.Created(ids.get(i)));
                createdRequests.add(request);
            } else {
                ExistingJob job = existing.get(key(request.tenantId(), request.requestId()));
                outcomes.add(job.fingerprint().equals(fingerprints.get(i))
                        ? new IntakeOutcome.Duplicate(job.id())
                        : new IntakeOutcome.Conflict(job.id()));
            }
        }
        if (source == IntakeSource.REST && !createdRequests.isEmpty()) {
            publishToRequestTopic(createdRequests, outcomes);
        }
        return outcomes;
    }

    private Set<UUID> insertJobs(Connection c, List<GenerationRequest> requests, List<UUID> ids,
            List<String> fingerprints, IntakeSource source) throws SQLException {
        int n = requests.size();
        String[] tenants = new String[n];
        String[] requestIds = new String[n];
        String[] projects = new String[n];
        String[] models = new String[n];
        String[] inputs = new String[n];
        String[] deliveries = new String[n];
        for (int i = 0; i < n; i++) {
            GenerationRequest r = requests.get(i);
            tenants[i] = r.tenantId();
            requestIds[i] = r.requestId();
            projects[i] = r.projectId();
            models[i] = r.model();
            inputs[i] = r.input().toString();
            deliveries[i] = r.delivery() == null ? null : r.delivery().name();
        }
        Set<UUID> created = new HashSet<>();
        try (PreparedStatement insert = c.prepareStatement(INSERT_JOBS)) {
            insert.setString(1, source.name());
            insert.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            insert.setArray(3, text(c, tenants));
            insert.setArray(4, text(c, requestIds));
            insert.setArray(5, text(c, fingerprints.toArray(String[]::new)));
            insert.setArray(6, text(c, projects));
            insert.setArray(7, text(c, models));
            insert.setArray(8, text(c, inputs));
            insert.setArray(9, text(c, deliveries));
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    created.add(rs.getObject(1, UUID.class));
                }
            }
        }
        if (!created.isEmpty()) {
            try (PreparedStatement transitions = c.prepareStatement(INSERT_CREATED_TRANSITIONS)) {
                transitions.setArray(1, c.createArrayOf("uuid", created.toArray()));
                transitions.executeUpdate();
            }
        }
        return created;
    }

    private Map<String, ExistingJob> findExisting(Connection c, List<GenerationRequest> requests) throws SQLException {
        Map<String, ExistingJob> existing = new HashMap<>();
        try (PreparedStatement find = c.prepareStatement(FIND_EXISTING)) {
            find.setArray(1, text(c, requests.stream().map(GenerationRequest::tenantId).toArray(String[]::new)));
            find.setArray(2, text(c, requests.stream().map(GenerationRequest::requestId).toArray(String[]::new)));
            try (ResultSet rs = find.executeQuery()) {
                while (rs.next()) {
                    existing.put(key(rs.getString(3), rs.getString(4)),
                            new ExistingJob(rs.getObject(1, UUID.class), rs.getString(2)));
                }
            }
        }
        return existing;
    }

    private void publishToRequestTopic(List<GenerationRequest> createdRequests, List<IntakeOutcome> outcomes) {
        List<OutboxRecord> records = new ArrayList<>(createdRequests.size());
        int next = 0;
        for (IntakeOutcome outcome : outcomes) {
            if (outcome instanceof IntakeOutcome.Created) {
                GenerationRequest request = createdRequests.get(next++);
                records.add(OutboxRecord.of(Topics.REQUESTS, request.requestId(), toJson(request)));
            }
        }
        outbox.appendAll(records);
    }

    private String toJson(GenerationRequest request) {
        try {
            return mapper.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a validated request always serialises", e);
        }
    }

    private Session session() {
        return entityManager.unwrap(Session.class);
    }

    private static Array text(Connection c, String[] values) throws SQLException {
        return c.createArrayOf("text", values);
    }

    private static String key(String tenantId, String requestId) {
        return tenantId + '\u0000' + requestId;
    }

    private record ExistingJob(UUID id, String fingerprint) {
    }
}
