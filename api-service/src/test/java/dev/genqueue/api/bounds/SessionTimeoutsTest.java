package dev.genqueue.api.bounds;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The shipped configuration bounds every session of api-service's datasource. */
@QuarkusTest
class SessionTimeoutsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyPooledSessionCarriesTheStatementLockIdleTransactionAndSocketTimeouts() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertThat(show(c, "statement_timeout")).isEqualTo("30s");
            assertThat(show(c, "lock_timeout")).isEqualTo("10s");
            assertThat(show(c, "idle_in_transaction_session_timeout")).isEqualTo("1min");
            // socketTimeout=60: a read that gets no byte for a minute fails instead of waiting for ever
            assertThat(c.getNetworkTimeout()).isEqualTo(60_000);
        }
    }

    static String show(Connection c, String setting) throws Exception {
        try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
