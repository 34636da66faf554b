package dev.genqueue.worker.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genqueue.testing.KafkaBrokerResource;
import dev.genqueue.testing.PostgresResource;
import dev.genqueue.testing.SimulatorResource;
import dev.genqueue.worker.support.CallbackReceiverResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hibernate.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet quota's ledger against PostgreSQL: six "workers" reserving request slots at once never get two
 * slots closer than the emission interval, and a 429 pushes the next slot out and halves an unknown plan's rate.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "genqueue_worker_test"))
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(CallbackReceiverResource.class)
class QuotaLedgerTest {

    private static final Duration WINDOW = Duration.ofSeconds(2);

    @Inject
    EntityManager entityManager;

    private final String ledger = "test-" + UUID.randomUUID();
    private final List<ApixoQuota> quotas = new ArrayList<>();

    @AfterEach
    void close() {
        quotas.forEach(ApixoQuota::close);
    }

    @Test
    void concurrentReservationsFromManyWorkersAreNeverCloserThanTheEmissionInterval() throws Exception {
        ApixoQuota quota = quota(30, false);
        Duration spacing = Gcra.spacing(30, WINDOW, 0.95);
        List<Instant> slots = Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newFixedThreadPool(6);
        List<Future<?>> running = new ArrayList<>();
        long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        for (int w = 0; w < 6; w++) {
            running.add(workers.submit(() -> {
                while (System.nanoTime() < until) {
                    slots.addAll(reserve(quota, 3, 3));
                }
            }));
        }
        for (Future<?> worker : running) {
            worker.get(30, TimeUnit.SECONDS);
        }
        workers.shutdown();

        List<Instant> sorted = slots.stream().sorted().toList();
        assertThat(sorted).hasSizeGreaterThan(10);
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(Duration.between(sorted.get(i - 1), sorted.get(i))).isGreaterThanOrEqualTo(spacing);
        }
        for (int i = 0; i + 30 < sorted.size(); i++) {
            assertThat(Duration.between(sorted.get(i), sorted.get(i + 30))).isGreaterThan(WINDOW);
        }
    }

    @Test
    void a429PushesTheNextSlotOutAndHalvesAnUnknownPlansRateOncePerBurst() {
        ApixoQuota quota = quota(40, true);
        assertThat(reserve(quota, 1, 1)).hasSize(1);

        transaction(c -> quota.slowDown(c, ledger, Duration.ofSeconds(3)));
        transaction(c -> quota.slowDown(c, ledger, Duration.ofSeconds(3)));

        assertThat(reserve(quota, 5, 5)).isEmpty();
        Double rate = QuarkusTransaction.requiringNew().call(() -> session().doReturningWork(c ->
                QuotaLedger.lock(c, ledger).rate()));
        assertThat(rate).isEqualTo(20.0);
    }

    private List<Instant> reserve(ApixoQuota quota, int wanted, int used) {
        return QuarkusTransaction.requiringNew().call(() -> session().doReturningWork(c -> {
            QuotaGrant grant = quota.open(c, ledger, wanted, false);
            int take = Math.min(used, grant.calls());
            List<Instant> granted = new ArrayList<>();
            List<Duration> delays = quota.take(c, grant, take);
            for (Duration delay : delays) {
                granted.add(grant.row().now().plus(delay));
            }
            return granted;
        }));
    }

    private void transaction(SqlWork work) {
        QuarkusTransaction.requiringNew().run(() -> session().doWork(work::run));
    }

    private Session session() {
        return entityManager.unwrap(Session.class);
    }

    private ApixoQuota quota(int requests, boolean adaptive) {
        ApixoQuota quota = new ApixoQuota(new TestConfig(requests, adaptive), entityManager, new SimpleMeterRegistry());
        quotas.add(quota);
        return quota;
    }

    private interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    private record TestConfig(int requests, boolean isAdaptive) implements QuotaConfig {

        @Override
        public OptionalInt requestsPerWindow() {
            return OptionalInt.of(requests);
        }

        @Override
        public Duration window() {
            return WINDOW;
        }

        @Override
        public OptionalInt maxConcurrentTasks() {
            return OptionalInt.empty();
        }

        @Override
        public double headroom() {
            return 0.95;
        }

        @Override
        public Duration lookahead() {
            return Duration.ofMillis(300);
        }

        @Override
        public Optional<Duration> maxLateness() {
            return Optional.empty();
        }

        @Override
        public boolean adaptive() {
            return isAdaptive;
        }

        @Override
        public double adaptiveStep() {
            return 1;
        }

        @Override
        public double adaptiveMinimum() {
            return 1;
        }

        @Override
        public OptionalDouble adaptiveMaximum() {
            return OptionalDouble.empty();
        }
    }
}
