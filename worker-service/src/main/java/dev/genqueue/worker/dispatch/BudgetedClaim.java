package dev.genqueue.worker.dispatch;

import dev.genqueue.worker.job.ClaimedJob;
import dev.genqueue.worker.quota.ApixoQuota;
import dev.genqueue.worker.quota.QuotaGrant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A claim under limits, in one transaction: first the fleet quota's ledger is locked (when a quota is
 * configured), then jobs that need no APIXO call, then due status queries and last queued jobs, each within
 * what is left of the APIXO-call budget (breaker, request slots) and, for submissions, of the free task
 * slots. Each APIXO-bound job gets the time of its request slot. Status queries go before submissions:
 * they finish paid work and free task slots.
 */
final class BudgetedClaim {

    private static final String NO_CALL = """
            SELECT id FROM job
             WHERE (status = 'QUEUED') = false AND status NOT IN ('SUBMITTED', 'PROCESSING') AND next_run_at <= now()
             ORDER BY next_run_at LIMIT ? FOR UPDATE SKIP LOCKED""";
    private static final String POLLS = """
            SELECT id FROM job
             WHERE (status = 'QUEUED') = false AND status IN ('SUBMITTED', 'PROCESSING') AND next_run_at <= now()
             ORDER BY next_run_at LIMIT ? FOR UPDATE SKIP LOCKED""";
    private static final String SUBMITS = """
            SELECT id FROM job
             WHERE (status = 'QUEUED') = true AND next_run_at <= now()
             ORDER BY next_run_at LIMIT ? FOR UPDATE SKIP LOCKED""";
    private static final String CLAIM = """
            UPDATE job j
               SET lease_owner = ?, next_run_at = now() + ? * interval '1 millisecond', version = j.version + 1
              FROM (SELECT id, next_run_at AS due_at FROM job WHERE id = ANY(?)) due
             WHERE j.id = due.id
            RETURNING %s, due.due_at, now() AS claimed_at
            """.formatted(ClaimedJob.COLUMNS);

    private BudgetedClaim() {
    }

    /** Claims up to {@code limit} jobs within {@code budget} and the fleet quota. */
    static Result claim(Connection c, ApixoQuota quota, String owner, int limit, Duration lease, ClaimBudget budget)
            throws SQLException {
        QuotaGrant grant = quota.enabled()
                ? quota.open(c, ApixoQuota.LEDGER, Math.min(limit, budget.apiCalls()), budget.submits())
                : null;
        int calls = Math.min(budget.apiCalls(), grant == null ? Integer.MAX_VALUE : grant.calls());
        List<UUID> free = ids(c, NO_CALL, limit);
        List<UUID> polls = ids(c, POLLS, Math.min(calls, limit - free.size()));
        int left = Math.min(calls - polls.size(), limit - free.size() - polls.size());
        if (budget.submits() && grant != null) {
            left = Math.min(left, grant.taskSlots());
        }
        List<UUID> submits = budget.submits() ? ids(c, SUBMITS, left) : List.of();

        List<UUID> all = new ArrayList<>(free);
        all.addAll(polls);
        all.addAll(submits);
        Map<UUID, ClaimedJob> claimed = claimIds(c, owner, lease, all);
        List<UUID> apiBound = new ArrayList<>(polls);
        apiBound.addAll(submits);
        apiBound.removeIf(id -> !claimed.containsKey(id));
        List<Duration> delays = grant != null ? quota.take(c, grant, apiBound.size()) : List.of();

        Map<UUID, Duration> startIn = new HashMap<>();
        for (int i = 0; i < delays.size(); i++) {
            startIn.put(apiBound.get(i), delays.get(i));
        }
        List<Claim> claims = new ArrayList<>(claimed.size());
        for (ClaimedJob job : claimed.values()) {
            Duration slot = startIn.get(job.id());
            claims.add(slot == null ? Claim.unpaced(job) : new Claim(job, true, slot));
        }
        claims.sort(Comparator.comparing(Claim::slotIn));
        return new Result(claims, apiBound.size());
    }

    private static List<UUID> ids(Connection c, String sql, int limit) throws SQLException {
        if (limit <= 0) {
            return List.of();
        }
        try (PreparedStatement select = c.prepareStatement(sql)) {
            select.setInt(1, limit);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    private static Map<UUID, ClaimedJob> claimIds(Connection c, String owner, Duration lease, List<UUID> ids)
            throws SQLException {
        Map<UUID, ClaimedJob> jobs = new HashMap<>();
        if (ids.isEmpty()) {
            return jobs;
        }
        try (PreparedStatement claim = c.prepareStatement(CLAIM)) {
            claim.setString(1, owner);
            claim.setLong(2, lease.toMillis());
            claim.setArray(3, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    ClaimedJob job = ClaimedJob.read(rs);
                    jobs.put(job.id(), job);
                }
            }
        }
        return jobs;
    }

    /** The claims, and how many of them need an APIXO call. */
    record Result(List<Claim> claims, int apiCalls) {
    }
}
