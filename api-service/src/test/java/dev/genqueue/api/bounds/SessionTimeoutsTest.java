package dev.genqueue.api.bounds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genqueue.testing.SessionSettings;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** The shipped configuration bounds every session of api-service's datasource. */
@QuarkusTest
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
