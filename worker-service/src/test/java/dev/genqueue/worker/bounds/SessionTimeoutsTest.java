package dev.genqueue.worker.bounds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genqueue.testing.KafkaBrokerResource;
import dev.genqueue.testing.PostgresResource;
import dev.genqueue.testing.SessionSettings;
import dev.genqueue.testing.SimulatorResource;
import dev.genqueue.worker.support.CallbackReceiverResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** The shipped configuration bounds every session of worker-service's datasource. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "genqueue_worker_test"))
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(CallbackReceiverResource.class)
class SessionTimeoutsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyPooledSessionCarriesTheStatementLockIdleTransactionAndSocketTimeouts() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertThat(SessionSettings.of(c)).isEqualTo(SessionSettings.SHIPPED);
        }
    }
}
