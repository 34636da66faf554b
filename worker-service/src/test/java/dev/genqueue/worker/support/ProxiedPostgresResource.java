package dev.genqueue.worker.support;

import dev.genqueue.stack.postgres.LocalPostgres;
import dev.genqueue.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The test PostgreSQL database reached through a {@link CuttableProxy}, so a test can take the database away
 * from the application and give it back. {@link #direct()} is the way around the proxy, for assertions.
 */
public class ProxiedPostgresResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "genqueue_worker_outage_test";

    private static CuttableProxy proxy;

    public static CuttableProxy proxy() {
        return proxy;
    }

    /** The JDBC URL that bypasses the proxy. */
    public static String direct() {
        return PostgresResource.server().jdbcUrl(DATABASE);
    }

    @Override
    public Map<String, String> start() {
        LocalPostgres server = PostgresResource.server();
        server.recreateDatabase(DATABASE);
        try {
            proxy = new CuttableProxy(server.host(), server.port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + DATABASE,
                "quarkus.datasource.username", server.user(),
                "quarkus.datasource.password", server.password(),
                // a dead connection is noticed within seconds, not after the pool's default timeouts
                "quarkus.datasource.jdbc.acquisition-timeout", "2s",
                "quarkus.datasource.jdbc.additional-jdbc-properties.connectTimeout", "2",
                "quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout", "10");
    }

    @Override
    public void stop() {
        if (proxy != null) {
            try {
                proxy.close();
            } catch (IOException e) {
                // nothing left to close
            }
        }
    }
}
