package dev.genqueue.stack.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local server when one answers, an embedded one otherwise: databases are created idempotently. */
class LocalPostgresTest {

    private static final String DATABASE = "genqueue_stack_test";
    private static LocalPostgres postgres;

    @BeforeAll
    static void connect() {
        postgres = LocalPostgres.connectOrStart(null);
    }

    @AfterAll
    static void close() {
        postgres.close();
    }

    @Test
    void ensureDatabaseIsIdempotentAndRecreateEmptiesIt() throws Exception {
        postgres.ensureDatabase(DATABASE);
        postgres.ensureDatabase(DATABASE);
        execute("CREATE TABLE IF NOT EXISTS marker (id int)");
        assertThat(tableCount()).isEqualTo(1);

        postgres.recreateDatabase(DATABASE);

        assertThat(tableCount()).isZero();
    }

    @Test
    void refusesNamesThatAreNotPlainIdentifiers() {
        assertThatThrownBy(() -> postgres.ensureDatabase("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(DATABASE), postgres.user(), postgres.password());
                Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int tableCount() throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(DATABASE), postgres.user(), postgres.password());
                Statement statement = c.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
