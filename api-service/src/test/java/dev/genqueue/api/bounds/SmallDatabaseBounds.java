package dev.genqueue.api.bounds;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The production bounds shrunk to seconds, so tests can hit each of them: one committer taking one request at a
 * time, two places in the intake queue, an 8 s commit wait, a 3 s lock wait, 4 s statements and a 6 s socket.
 */
public class SmallDatabaseBounds implements QuarkusTestProfile {

    static final long LOCK_TIMEOUT_MILLIS = 3_000;
    static final long STATEMENT_TIMEOUT_MILLIS = 4_000;
    static final long SOCKET_TIMEOUT_MILLIS = 6_000;
    static final long COMMIT_TIMEOUT_MILLIS = 8_000;
    static final int QUEUE_CAPACITY = 2;
    static final String RETRY_AFTER = "2";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "genqueue.api.intake.batch-size", "1",
                "genqueue.api.intake.committers", "1",
                "genqueue.api.intake.queue-capacity", Integer.toString(QUEUE_CAPACITY),
                "genqueue.api.intake.commit-timeout", COMMIT_TIMEOUT_MILLIS + "ms",
                "genqueue.api.intake.retry-after", RETRY_AFTER + "s",
                "quarkus.datasource.jdbc.additional-jdbc-properties.options",
                "-c statement_timeout=" + STATEMENT_TIMEOUT_MILLIS + " -c lock_timeout=" + LOCK_TIMEOUT_MILLIS
                        + " -c idle_in_transaction_session_timeout=10000",
                "quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout",
                Long.toString(SOCKET_TIMEOUT_MILLIS / 1000));
    }
}
