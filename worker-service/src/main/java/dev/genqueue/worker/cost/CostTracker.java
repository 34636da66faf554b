package dev.genqueue.worker.cost;

import dev.genqueue.common.contract.OpsEvent;
import dev.genqueue.common.job.JobStatus;
import dev.genqueue.worker.config.WorkerIdentity;
import dev.genqueue.worker.job.ClaimedJob;
import dev.genqueue.worker.ops.OpsEvents;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Counts the estimated cost of finished jobs by model and tenant (the first {@code max-tenant-tags} tenants by
 * name, the rest as {@code other}), and, when {@code daily-alert-usd} is set,
 * sums the whole fleet's cost since midnight UTC every {@code check-interval}: above the threshold it raises
 * an alert (WARN log, the {@code genqueue_cost_daily_alert} gauge and one {@code cost_threshold_exceeded} ops
 * event per day for the fleet, deduplicated by its event id).
 */
@ApplicationScoped
public class CostTracker {

    private static final Logger LOG = Logger.getLogger(CostTracker.class);
    private static final String TODAY = """
            SELECT coalesce(sum(cost_usd), 0), to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD'), now()
              FROM job
             WHERE finished_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
               AND cost_usd IS NOT NULL""";

    private final CostConfig config;
    private final EntityManager entityManager;
    private final OpsEvents ops;
    private final String owner;
    private final CostMeters meters;
    private volatile double todayUsd;
    private volatile String alertedDay;
    private ScheduledExecutorService executor;

    CostTracker(MeterRegistry registry, CostConfig config, EntityManager entityManager, OpsEvents ops,
            WorkerIdentity identity) {
        this.config = config;
        this.entityManager = entityManager;
        this.ops = ops;
        this.owner = identity.id();
        this.meters = new CostMeters(registry, config.maxTenantTags());
        if (config.dailyAlertUsd().isPresent()) {
            Gauge.builder("genqueue.cost.daily.usd", this, tracker -> tracker.todayUsd)
                    .description("Estimated USD of all jobs finished since midnight UTC").register(registry);
            Gauge.builder("genqueue.cost.daily.alert", this, tracker -> tracker.over() ? 1 : 0)
                    .description("1 while today's estimated cost is above genqueue.worker.cost.daily-alert-usd")
                    .register(registry);
        }
    }

    /** Counts a finished job's cost ({@code null} or 0 when nothing was charged). */
    public void finished(ClaimedJob job, JobStatus status, BigDecimal cost) {
        if (cost == null || cost.signum() <= 0) {
            return;
        }
        meters.add(job.model(), job.tenantId(), status, cost);
    }

    /** Starts the daily threshold check when one is configured. */
    public synchronized void start() {
        if (config.dailyAlertUsd().isEmpty() || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "genqueue-cost");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(100, config.checkInterval().toMillis());
        executor.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    /** Sums today's cost and raises the day's alert once the threshold is passed. */
    public void check() {
        BigDecimal threshold = config.dailyAlertUsd().orElse(null);
        if (threshold == null) {
            return;
        }
        try {
            String alerted = QuarkusTransaction.requiringNew().call(() -> entityManager.unwrap(Session.class)
                    .doReturningWork(c -> {
                        try (PreparedStatement today = c.prepareStatement(TODAY); ResultSet rs = today.executeQuery()) {
                            rs.next();
                            BigDecimal total = rs.getBigDecimal(1);
                            String day = rs.getString(2);
                            Instant now = rs.getObject(3, OffsetDateTime.class).toInstant();
                            todayUsd = total.doubleValue();
                            if (total.compareTo(threshold) <= 0 || day.equals(alertedDay)) {
                                return null;
                            }
                            ops.append(new OpsEvent(alertId(day), OpsEvent.SCHEMA_VERSION,
                                    OpsEvent.COST_THRESHOLD_EXCEEDED, "warning", now, owner, "estimated APIXO cost "
                                            + "today " + total.toPlainString() + " USD is above the daily threshold of "
                                            + threshold.toPlainString() + " USD",
                                    Map.of("day", day, "costUsd", total, "thresholdUsd", threshold)));
                            LOG.warnf("estimated APIXO cost today (%s UTC) is %s USD, above the threshold of %s USD",
                                    day, total.toPlainString(), threshold.toPlainString());
                            return day;
                        }
                    }));
            if (alerted != null) {
                alertedDay = alerted;
            }
        } catch (RuntimeException e) {
            LOG.debugf("summing today's cost failed: %s", e.getMessage());
        }
    }

    /** The fleet shares one alert event per day: every worker derives the same id. */
    static UUID alertId(String day) {
        return UUID.nameUUIDFromBytes(("genqueue-cost-alert:" + day).getBytes(StandardCharsets.UTF_8));
    }

    private boolean over() {
        return config.dailyAlertUsd().map(threshold -> todayUsd > threshold.doubleValue()).orElse(false);
    }
}
