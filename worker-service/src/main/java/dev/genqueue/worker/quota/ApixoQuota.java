package dev.genqueue.worker.quota;

import dev.genqueue.common.failure.ApixoCall;
import dev.genqueue.worker.apixo.ApixoCallObserver;
import dev.genqueue.worker.apixo.CallSignal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * The APIXO plan, enforced for the whole fleet through the {@code apixo_quota} row: claims reserve request
 * slots (GCRA, paced at {@code headroom} of the plan) and count task slots under that row's lock, so workers
 * never exceed the plan together, whatever their number. A 429 pushes the next slot out (by
 * {@code Retry-After} when given) and, for an unknown plan, halves the rate.
 */
@ApplicationScoped
public class ApixoQuota implements ApixoCallObserver {

    /** The ledger row of the configured APIXO key. */
    public static final String LEDGER = "apixo";

    private static final Logger LOG = Logger.getLogger(ApixoQuota.class);

    private final QuotaConfig config;
    private final AdaptiveRate adaptive;
    private final EntityManager entityManager;
    private final MeterRegistry registry;
    private final ExecutorService feedback;
    private volatile double currentRate;

    ApixoQuota(QuotaConfig config, EntityManager entityManager, MeterRegistry registry) {
        this.config = config;
        this.entityManager = entityManager;
        this.registry = registry;
        this.adaptive = config.adaptive() ? new AdaptiveRate(config.requestsPerWindow().orElse(60),
                config.adaptiveStep(), config.adaptiveMinimum(), config.adaptiveMaximum().orElse(Double.MAX_VALUE),
                config.window()) : null;
        this.currentRate = config.requestsPerWindow().orElse(adaptive == null ? 0 : 60);
        this.feedback = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "genqueue-quota");
            thread.setDaemon(true);
            return thread;
        });
        if (limitsRate()) {
            Gauge.builder("genqueue.worker.quota.rate", this, quota -> quota.currentRate)
                    .description("APIXO requests per quota window currently allowed").register(registry);
        }
    }

    /** Whether any limit is configured; when not, claims never touch the ledger. */
    public boolean enabled() {
        return limitsRate() || config.maxConcurrentTasks().isPresent();
    }

    /** Whether API requests are paced. */
    public boolean limitsRate() {
        return adaptive != null || config.requestsPerWindow().isPresent();
    }

    /**
     * Locks the ledger {@code name} for the caller's transaction and answers what a claim may do: up to
     * {@code wantedCalls} calls and, when {@code submits}, how many new tasks fit under the concurrency limit.
     */
    public QuotaGrant open(Connection c, String name, int wantedCalls, boolean submits) throws SQLException {
        QuotaLedger.Row row = QuotaLedger.lock(c, name);
        int taskSlots = Integer.MAX_VALUE;
        if (submits && config.maxConcurrentTasks().isPresent()) {
            taskSlots = Math.max(0, config.maxConcurrentTasks().getAsInt() - QuotaLedger.taskSlotsInUse(c));
        }
        if (!limitsRate()) {
            return new QuotaGrant(Integer.MAX_VALUE, taskSlots, row, null, null);
        }
        double rate = rate(row);
        currentRate = rate;
        Gcra.Slots slots = Gcra.reserve(row.tat(), row.now(), wantedCalls, spacing(rate), config.lookahead());
        return new QuotaGrant(slots.count(), taskSlots, row, slots, rate);
    }

    /** Takes the first {@code used} slots of {@code grant}; answers how long each call must wait for its slot. */
    public List<Duration> take(Connection c, QuotaGrant grant, int used) throws SQLException {
        if (grant.slots() == null || used <= 0) {
            if (grant.row() != null && adaptive != null && rateChanges(grant.row())) {
                QuotaLedger.save(c, withRate(grant.row(), grant.rate()));
            }
            return List.of();
        }
        QuotaLedger.Row row = grant.row().withTat(grant.slots().tatAfter(used));
        QuotaLedger.save(c, adaptive != null && rateChanges(grant.row()) ? withRate(row, grant.rate()) : row);
        Counter.builder("genqueue.worker.quota.slots").description("APIXO request slots this worker reserved")
                .register(registry).increment(used);
        return grant.slots().delays(used);
    }

    /** Reserves one request slot outside a claim (balance checks); empty when none is free within the lookahead. */
    public CompletionStage<Optional<Duration>> acquireOne() {
        if (!limitsRate()) {
            return CompletableFuture.completedFuture(Optional.of(Duration.ZERO));
        }
        return CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew().call(() ->
                session().doReturningWork(c -> {
                    QuotaGrant grant = open(c, LEDGER, 1, false);
                    return grant.calls() > 0 ? Optional.of(take(c, grant, 1).get(0)) : Optional.<Duration>empty();
                })), feedback);
    }

    @Override
    public void observe(ApixoCall call, CallSignal signal, Duration retryAfter) {
        if (signal != CallSignal.RATE_LIMITED || !limitsRate()) {
            return;
        }
        Counter.builder("genqueue.worker.quota.rate_limited").description("429 answers seen under the quota")
                .register(registry).increment();
        feedback.execute(() -> {
            try {
                QuarkusTransaction.requiringNew().run(() -> session().doWork(c -> slowDown(c, LEDGER, retryAfter)));
            } catch (RuntimeException e) {
                LOG.warnf("could not record a 429 in the quota ledger: %s", e.getMessage());
            }
        });
    }

    /** Pushes the next slot out after a 429 and, for an unknown plan, halves the rate (once per burst). */
    void slowDown(Connection c, String name, Duration retryAfter) throws SQLException {
        QuotaLedger.Row row = QuotaLedger.lock(c, name);
        double rate = rate(row);
        Duration spacing = spacing(rate);
        Duration wait = retryAfter != null && retryAfter.compareTo(spacing) > 0 ? retryAfter : spacing;
        Instant pushed = row.now().plus(wait);
        QuotaLedger.Row next = row.withTat(pushed.isAfter(row.tat()) ? pushed : row.tat());
        Duration cooldown = config.lookahead().plus(spacing.multipliedBy(2));
        if (adaptive != null && (row.decreasedAt() == null
                || !row.decreasedAt().plus(cooldown).isAfter(row.now()))) {
            double halved = adaptive.halved(rate);
            next = next.withRate(halved, row.now(), row.increasedAt());
            currentRate = halved;
            LOG.warnf("APIXO answered 429: quota rate halved to %.1f requests per %s", halved, config.window());
        }
        QuotaLedger.save(c, next);
    }

    @PreDestroy
    void close() {
        feedback.shutdownNow();
    }

    private double rate(QuotaLedger.Row row) {
        if (adaptive == null) {
            return config.requestsPerWindow().getAsInt();
        }
        return adaptive.now(row.rate(), row.now(), row.increasedAt(), row.decreasedAt());
    }

    // the first use records the starting rate and time, from which the quiet windows are counted
    private boolean rateChanges(QuotaLedger.Row row) {
        return row.rate() == null || adaptive.increases(row.rate(), row.now(), row.increasedAt(), row.decreasedAt());
    }

    private static QuotaLedger.Row withRate(QuotaLedger.Row row, double rate) {
        return row.withRate(rate, row.decreasedAt(), row.now());
    }

    private Duration spacing(double rate) {
        return Gcra.spacing(rate, config.window(), config.headroom());
    }

    private Session session() {
        return entityManager.unwrap(Session.class);
    }
}
