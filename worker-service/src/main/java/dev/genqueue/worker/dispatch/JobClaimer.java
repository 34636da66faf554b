package dev.genqueue.worker.dispatch;

import dev.genqueue.worker.job.ClaimedJob;
import dev.genqueue.worker.job.Lease;
import dev.genqueue.worker.quota.ApixoQuota;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The scheduler's SQL: claiming due jobs (each claim moves {@code next_run_at} to the lease expiry and bumps
 * {@code version}, the fencing token), extending leases and releasing them. Every statement skips rows
 * another transaction holds, so workers never wait on each other.
 */
@ApplicationScoped
public class JobClaimer {

    static final String CLAIM = """
            UPDATE job j
               SET lease_owner = ?, next_run_at = now() + ? * interval '1 millisecond', version = j.version + 1
              FROM (SELECT id, next_run_at AS due_at
                      FROM job
                     WHERE next_run_at <= now()
                     ORDER BY next_run_at
                     LIMIT ?
                       FOR UPDATE SKIP LOCKED) due
             WHERE j.id = due.id
            RETURNING %s, due.due_at, now() AS claimed_at
            """.formatted(ClaimedJob.COLUMNS);

    // same owner and same version only: a lease taken over, or already moved on by a write, is left alone
    static final String EXTEND = """
            UPDATE job j
               SET next_run_at = now() + ? * interval '1 millisecond'
              FROM (SELECT job.id
                      FROM job
                      JOIN unnest(?::uuid[], ?::bigint[]) AS mine(id, version)
                        ON job.id = mine.id AND job.version = mine.version
                     WHERE job.lease_owner = ?
                       FOR UPDATE OF job SKIP LOCKED) held
             WHERE j.id = held.id
            RETURNING j.id
            """;

    static final String RELEASE = """
            UPDATE job j
               SET next_run_at = now(), lease_owner = NULL
              FROM (SELECT job.id
                      FROM job
                      JOIN unnest(?::uuid[], ?::bigint[]) AS mine(id, version)
                        ON job.id = mine.id AND job.version = mine.version
                     WHERE job.lease_owner = ?
                       FOR UPDATE OF job SKIP LOCKED) held
             WHERE j.id = held.id
            """;

    private final EntityManager entityManager;
    private final ApixoQuota quota;

    JobClaimer(EntityManager entityManager, ApixoQuota quota) {
        this.entityManager = entityManager;
        this.quota = quota;
    }

    /**
     * Claims up to {@code limit} due jobs, oldest due first. Without limits (no fleet quota configured, account
     * not paused, breaker closed) this is one statement; otherwise {@link BudgetedClaim} applies them.
     */
    BudgetedClaim.Result claim(String owner, int limit, Duration lease, ClaimBudget budget) {
        if (budget.unlimited() && !quota.enabled()) {
            List<Claim> claims = claim(owner, limit, lease).stream().map(Claim::unpaced).toList();
            return new BudgetedClaim.Result(claims, 0);
        }
        return QuarkusTransaction.requiringNew().call(() -> session().doReturningWork(c ->
                BudgetedClaim.claim(c, quota, owner, limit, lease, budget)));
    }

    /** Claims up to {@code limit} due jobs, oldest due first, whatever they need. */
    public List<ClaimedJob> claim(String owner, int limit, Duration lease) {
        return QuarkusTransaction.requiringNew().call(() -> session().doReturningWork(c -> {
            try (PreparedStatement claim = c.prepareStatement(CLAIM)) {
                claim.setString(1, owner);
                claim.setLong(2, lease.toMillis());
                claim.setInt(3, limit);
                List<ClaimedJob> jobs = new ArrayList<>();
                try (ResultSet rs = claim.executeQuery()) {
                    while (rs.next()) {
                        jobs.add(ClaimedJob.read(rs));
                    }
                }
                return jobs;
            }
        }));
    }

    /** Extends the leases this owner still holds at their current version; answers the extended job ids. */
    public Set<UUID> extend(String owner, Collection<Lease> leases, Duration lease) {
        if (leases.isEmpty()) {
            return Set.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> session().doReturningWork(c -> {
            try (PreparedStatement extend = c.prepareStatement(EXTEND)) {
                extend.setLong(1, lease.toMillis());
                bindHeld(c, extend, 2, owner, leases);
                Set<UUID> extended = new HashSet<>();
                try (ResultSet rs = extend.executeQuery()) {
                    while (rs.next()) {
                        extended.add(rs.getObject(1, UUID.class));
                    }
                }
                return extended;
            }
        }));
    }

    /** Makes the jobs this owner still holds due now, so another worker takes them without waiting for expiry. */
    public int release(String owner, Collection<Lease> leases) {
        if (leases.isEmpty()) {
            return 0;
        }
        return QuarkusTransaction.requiringNew().call(() -> session().doReturningWork(c -> {
            try (PreparedStatement release = c.prepareStatement(RELEASE)) {
                bindHeld(c, release, 1, owner, leases);
                return release.executeUpdate();
            }
        }));
    }

    private static void bindHeld(Connection c, PreparedStatement statement, int first, String owner,
            Collection<Lease> leases) throws SQLException {
        List<Lease> held = List.copyOf(leases);
        Object[] ids = new Object[held.size()];
        Object[] versions = new Object[held.size()];
        for (int i = 0; i < held.size(); i++) {
            ids[i] = held.get(i).jobId();
            versions[i] = held.get(i).version();
        }
        statement.setArray(first, c.createArrayOf("uuid", ids));
        statement.setArray(first + 1, c.createArrayOf("bigint", versions));
        statement.setString(first + 2, owner);
    }

    private Session session() {
        return entityManager.unwrap(Session.class);
    }
}
