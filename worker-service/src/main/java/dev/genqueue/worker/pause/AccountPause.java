package dev.genqueue.worker.pause;

import dev.genqueue.common.contract.OpsEvent;
import dev.genqueue.worker.apixo.ApixoClient;
import dev.genqueue.worker.apixo.BalanceOutcome;
import dev.genqueue.worker.config.WorkerIdentity;
import dev.genqueue.worker.ops.OpsEvents;
import dev.genqueue.worker.quota.ApixoQuota;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * The fleet-wide pause of submissions while APIXO refuses the account (401, 402, INSUFFICIENT_CREDITS), kept in
 * the {@code apixo_account} row. While paused no worker claims queued jobs (they stay queued, nothing fails);
 * polling of running tasks goes on. One worker at a time asks APIXO for the balance every
 * {@code check-interval} and lifts the pause once the key is accepted and the balance is positive. Pausing and
 * resuming each raise an alert: a WARN/INFO log line, the {@code genqueue_account_paused} gauge and an event
 * on {@code genqueue.ops.v1}, written with the state change.
 */
@ApplicationScoped
public class AccountPause {

    private static final Logger LOG = Logger.getLogger(AccountPause.class);

    private final EntityManager entityManager;
    private final OpsEvents ops;
    private final ApixoClient apixo;
    private final ApixoQuota quota;
    private final Event<SubmissionsResumed> resumedEvents;
    private final PauseConfig config;
    private final MeterRegistry registry;
    private final String owner;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile boolean paused;
    private ScheduledExecutorService executor;

    AccountPause(EntityManager entityManager, OpsEvents ops, ApixoClient apixo, ApixoQuota quota,
            Event<SubmissionsResumed> resumedEvents, PauseConfig config, MeterRegistry registry, WorkerIdentity identity) {
        this.entityManager = entityManager;
        this.ops = ops;
        this.apixo = apixo;
        this.quota = quota;
        this.resumedEvents = resumedEvents;
        this.config = config;
        this.registry = registry;
        this.owner = identity.id();
        Gauge.builder("genqueue.account.paused", this, pause -> pause.paused ? 1 : 0)
                .description("1 while submissions to APIXO are paused because the account was refused")
                .register(registry);
    }

    /** Whether submissions are paused, as this worker last learned. */
    public boolean isPaused() {
        return paused;
    }

    /** Starts following the fleet's pause state (and checking the balance while paused). */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "genqueue-account");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(10, config.refresh().toMillis());
        executor.scheduleWithFixedDelay(this::refresh, 0, every, TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    /**
     * Pauses the fleet because APIXO refused the account; this worker stops submitting at once, the others at
     * their next refresh. Only the worker that made the change raises the alert.
     */
    public CompletionStage<Void> pause(int httpStatus, String reason) {
        paused = true;
        return CompletableFuture.runAsync(() -> {
            Optional<Instant> since = QuarkusTransaction.requiringNew().call(() -> {
                Optional<Instant> changed = session().doReturningWork(c -> AccountStore.pause(c, reason, httpStatus,
                        config.checkInterval()));
                changed.ifPresent(at -> ops.append(new OpsEvent(UUID.randomUUID(), OpsEvent.SCHEMA_VERSION,
                        OpsEvent.ACCOUNT_PAUSED, "warning", at, owner, reason, Map.of("httpStatus", httpStatus))));
                return changed;
            });
            since.ifPresent(at -> {
                Counter.builder("genqueue.account.pauses").description("Times the fleet paused submissions")
                        .tag("status", String.valueOf(httpStatus)).register(registry).increment();
                LOG.warnf("APIXO refused the account (HTTP %d: %s): submissions paused for all workers; queued jobs "
                        + "wait, the balance is checked every %s", httpStatus, reason, config.checkInterval());
            });
        }, executor()).exceptionally(error -> {
            LOG.warnf("could not record the account pause (each worker keeps backing off): %s", error.getMessage());
            return null;
        });
    }

    private void refresh() {
        try {
            AccountStore.State state = QuarkusTransaction.requiringNew().call(() ->
                    session().doReturningWork(AccountStore::read));
            boolean was = paused;
            paused = state.paused();
            if (was && !paused) {
                LOG.info("submissions to APIXO resumed");
                resumedEvents.fire(new SubmissionsResumed());
            }
            if (paused) {
                maybeCheck();
            }
        } catch (RuntimeException e) {
            LOG.debugf("reading the account pause state failed: %s", e.getMessage());
        }
    }

    private void maybeCheck() {
        if (!checking.compareAndSet(false, true)) {
            return;
        }
        Optional<String> reason = QuarkusTransaction.requiringNew().call(() ->
                session().doReturningWork(c -> AccountStore.claimCheck(c, owner, config.checkInterval())));
        if (reason.isEmpty()) {
            checking.set(false);
            return;
        }
        quota.acquireOne()
                .thenCompose(slot -> slot.isEmpty() ? CompletableFuture.completedFuture(null) : CompletableFuture
                        .supplyAsync(() -> null, CompletableFuture.delayedExecutor(slot.get().toMillis(),
                                TimeUnit.MILLISECONDS, executor())).thenCompose(ignored -> apixo.balance()))
                .thenAcceptAsync(this::onBalance, executor())
                .whenComplete((ignored, error) -> {
                    checking.set(false);
                    if (error != null) {
                        LOG.warnf("balance check failed: %s", error.getMessage());
                    }
                });
    }

    private void onBalance(BalanceOutcome outcome) {
        if (outcome == null) {
            // no request slot free: try again at the next refresh rather than a whole interval later
            QuarkusTransaction.requiringNew().run(() -> session().doWork(c -> AccountStore.retrySoon(c,
                    config.refresh())));
            return;
        }
        if (outcome instanceof BalanceOutcome.Balance balance && balance.usd().signum() > 0) {
            resume(balance.usd());
            return;
        }
        String found = outcome instanceof BalanceOutcome.Balance balance ? "balance " + balance.usd().toPlainString()
                : outcome instanceof BalanceOutcome.AccountProblem problem ? "HTTP " + problem.httpStatus() + ": "
                        + problem.message() : ((BalanceOutcome.Unknown) outcome).reason();
        LOG.infof("account still refused (%s); next check in %s", found, config.checkInterval());
        QuarkusTransaction.requiringNew().run(() -> session().doWork(c -> AccountStore.note(c, found)));
    }

    private void resume(BigDecimal usd) {
        String check = "balance " + usd.toPlainString();
        Optional<AccountStore.Resumed> resumed = QuarkusTransaction.requiringNew().call(() -> {
            Optional<AccountStore.Resumed> lifted = session().doReturningWork(c -> AccountStore.resume(c, check));
            lifted.ifPresent(r -> ops.append(new OpsEvent(UUID.randomUUID(), OpsEvent.SCHEMA_VERSION,
                    OpsEvent.ACCOUNT_RESUMED, "info", r.at(), owner, "APIXO accepts the account again (" + check + ")",
                    Map.of("balanceUsd", usd, "pausedMs", r.since() == null ? 0
                            : Duration.between(r.since(), r.at()).toMillis(),
                            "pauseReason", String.valueOf(r.reason())))));
            return lifted;
        });
        paused = false;
        resumed.ifPresent(r -> LOG.infof("APIXO accepts the account again (%s): submissions resumed after %s", check,
                r.since() == null ? "?" : Duration.between(r.since(), r.at())));
        resumedEvents.fire(new SubmissionsResumed());
    }

    private Executor executor() {
        ScheduledExecutorService running = executor;
        return running != null ? running : Runnable::run;
    }

    private Session session() {
        return entityManager.unwrap(Session.class);
    }
}
