package dev.genqueue.store.deadletter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Turns dead letters back into jobs, by id (optionally with a replacement payload), by a list of ids, or by
 * reason / time window. Idempotent: a record that already became a job answers with that job. Each chunk of
 * records commits on its own, so a large redrive makes progress without one long transaction.
 */
@ApplicationScoped
public class DeadLetterRedrive {

    /** Most records one bulk redrive handles; {@link RedriveBatch#remaining()} reports the rest. */
    public static final int MAX_PER_CALL = 1000;

    private static final int CHUNK = 100;

    private final EntityManager entityManager;
    private final RedriveTransaction transaction;
    private final RedriveMetrics metrics;

    DeadLetterRedrive(EntityManager entityManager, RedriveTransaction transaction, RedriveMetrics metrics) {
        this.entityManager = entityManager;
        this.transaction = transaction;
        this.metrics = metrics;
    }

    /** Redrives one record; {@code payload}, when not {@code null}, replaces its stored payload first. */
    public RedriveResult redriveOne(UUID id, ObjectNode payload) {
        Map<UUID, ObjectNode> fixes = new HashMap<>();
        if (payload != null) {
            fixes.put(id, payload);
        }
        RedriveResult result = transaction.redrive(List.of(id), fixes).get(0);
        metrics.count(List.of(result));
        return result;
    }

    /** Redrives at most {@code limit} (≤ {@link #MAX_PER_CALL}) records chosen by {@code selector}. */
    public RedriveBatch redrive(RedriveSelector selector, int limit) {
        int bound = Math.min(limit, MAX_PER_CALL);
        List<UUID> ids;
        long matching;
        if (selector instanceof RedriveSelector.Ids byId) {
            ids = byId.ids().stream().distinct().limit(bound).toList();
            matching = byId.ids().stream().distinct().count();
        } else {
            DeadLetterFilter filter = ((RedriveSelector.Matching) selector).filter();
            Selection selection = select(filter, bound);
            ids = selection.ids();
            matching = selection.matching();
        }
        List<RedriveResult> results = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<RedriveResult> chunk = transaction.redrive(ids.subList(from, Math.min(from + CHUNK, ids.size())),
                    Map.of());
            metrics.count(chunk);
            results.addAll(chunk);
        }
        return new RedriveBatch(results, Math.max(0, matching - ids.size()));
    }

    @Transactional
    Selection select(DeadLetterFilter filter, int limit) {
        Session session = entityManager.unwrap(Session.class);
        long matching = session.doReturningWork(c -> RedriveStore.count(c, filter));
        List<UUID> ids = session.doReturningWork(c -> RedriveStore.select(c, filter, limit));
        return new Selection(ids, matching);
    }

    /** Records chosen for a bulk redrive, and how many matched in all. */
    record Selection(List<UUID> ids, long matching) {
    }
}
