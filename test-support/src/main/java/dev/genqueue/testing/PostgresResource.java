package dev.genqueue.testing;

import dev.genqueue.stack.postgres.LocalPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A fresh PostgreSQL database for a test application: the local server when it answers, otherwise an
 * embedded one. The database (init arg {@code database}, default {@code genqueue_test}) is recreated at
 * each start so every boot sees an empty schema.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static LocalPostgres postgres;
    private String database = "genqueue_test";

    /** The shared server, connecting or starting it on first use. */
    public static synchronized LocalPostgres server() {
        if (postgres == null) {
            postgres = LocalPostgres.connectOrStart(null);
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "embedded-postgres-stop"));
        }
        return postgres;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        LocalPostgres server = server();
        server.recreateDatabase(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
                "quarkus.datasource.username", server.user(),
                "quarkus.datasource.password", server.password());
    }

    @Override
    public void stop() {
        // the database stays for inspection after a failed run; it is recreated at the next start
    }
}
