package dev.genqueue.api.bounds;

import static dev.genqueue.api.bounds.SmallDatabaseBounds.COMMIT_TIMEOUT_MILLIS;
import static dev.genqueue.api.bounds.SmallDatabaseBounds.LOCK_TIMEOUT_MILLIS;
import static dev.genqueue.api.bounds.SmallDatabaseBounds.QUEUE_CAPACITY;
import static dev.genqueue.api.bounds.SmallDatabaseBounds.RETRY_AFTER;
import static dev.genqueue.api.bounds.SmallDatabaseBounds.SOCKET_TIMEOUT_MILLIS;
import static dev.genqueue.api.bounds.SmallDatabaseBounds.STATEMENT_TIMEOUT_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genqueue.api.Db;
import dev.genqueue.api.job.intake.IntakeCommitter;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Every database wait of api-service ends within its bound, on the real PostgreSQL: a long statement, a lock
 * wait, a socket that stops answering, and REST intake when its committer is stuck (queue full, commit wait,
 * lock wait): each is answered 503 with Retry-After promptly, never a hang.
 */
@QuarkusTest
@TestProfile(SmallDatabaseBounds.class)
class DatabaseBoundsTest {

    private static final long MARGIN_MILLIS = 4_000;
    private static final Pattern HOST_PORT = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+)");

    @TestHTTPResource("/v1/jobs")
    URI jobs;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IntakeCommitter committer;

    @Inject
    ObjectMapper mapper;

    @Inject
    Db db;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aStatementThatRunsTooLongIsCancelledByTheStatementTimeout() throws Exception {
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement()) {
            SQLException error = failure(() -> statement.execute("SELECT pg_sleep(120)"), STATEMENT_TIMEOUT_MILLIS);
            assertThat(error.getSQLState()).isEqualTo("57014");
        }
        long millis = millisSince(start);
        System.out.printf("pg_sleep(120) cancelled after %d ms (statement timeout %d ms)%n", millis,
                STATEMENT_TIMEOUT_MILLIS);
        assertThat(millis).isBetween(STATEMENT_TIMEOUT_MILLIS - 500, STATEMENT_TIMEOUT_MILLIS + MARGIN_MILLIS);
    }

    @Test
    void aStatementWaitingForALockHeldElsewhereIsCancelledByTheLockTimeout() throws Exception {
        try (Connection holder = direct()) {
            try (Statement ddl = holder.createStatement()) {
                ddl.execute("CREATE TABLE IF NOT EXISTS bounds_probe (id int)");
            }
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE bounds_probe IN ACCESS EXCLUSIVE MODE");
            }
            long start = System.nanoTime();
            try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement()) {
                SQLException error = failure(() -> statement.executeQuery("SELECT count(*) FROM bounds_probe"),
                        LOCK_TIMEOUT_MILLIS);
                assertThat(error.getSQLState()).isEqualTo("55P03");
            }
            long millis = millisSince(start);
            System.out.printf("lock wait cancelled after %d ms (lock timeout %d ms)%n", millis, LOCK_TIMEOUT_MILLIS);
            assertThat(millis).isBetween(LOCK_TIMEOUT_MILLIS - 500, LOCK_TIMEOUT_MILLIS + MARGIN_MILLIS);
            holder.rollback();
        }
    }

    @Test
    void aDatabaseSocketThatStopsAnsweringIsCutByTheSocketTimeout() throws Exception {
        Config config = ConfigProvider.getConfig();
        Matcher url = HOST_PORT.matcher(config.getValue("quarkus.datasource.jdbc.url", String.class));
        assertThat(url.find()).isTrue();
        // the application's own connection properties, over a proxy the test can freeze
        Properties properties = new Properties();
        properties.setProperty("user", config.getValue("quarkus.datasource.username", String.class));
        config.getOptionalValue("quarkus.datasource.password", String.class)
                .ifPresent(password -> properties.setProperty("password", password));
        for (String name : List.of("socketTimeout", "options", "connectTimeout")) {
            properties.setProperty(name, config.getValue(
                    "quarkus.datasource.jdbc.additional-jdbc-properties." + name, String.class));
        }
        try (FreezableProxy proxy = new FreezableProxy(url.group(1), Integer.parseInt(url.group(2)));
                Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + url.group(3), properties);
                Statement statement = c.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }

            proxy.freeze();
            long start = System.nanoTime();
            SQLException error = failure(() -> statement.executeQuery("SELECT 1"), SOCKET_TIMEOUT_MILLIS);

            long millis = millisSince(start);
            System.out.printf("frozen socket cut after %d ms (socket timeout %d ms): %s%n", millis,
                    SOCKET_TIMEOUT_MILLIS, error.getMessage());
            assertThat(error.getSQLState()).startsWith("08");
            assertThat(millis).isBetween(SOCKET_TIMEOUT_MILLIS - 500, SOCKET_TIMEOUT_MILLIS + MARGIN_MILLIS);
            assertThat(c.isClosed()).isTrue();
        }
    }

    @Test
    void aStuckIntakeAnswers503WithRetryAfterInsteadOfHanging() throws Exception {
        String tenant = "bounds-" + UUID.randomUUID();
        try (Connection holder = direct(); Connection observer = direct()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                // reads go on, inserts into the job table wait: the committer is stuck on its first request
                lock.execute("LOCK TABLE job IN SHARE MODE");
            }
            long startA = System.nanoTime();
            CompletableFuture<HttpResponse<String>> a = submit(tenant, "a");
            await().atMost(Duration.ofSeconds(LOCK_TIMEOUT_MILLIS / 1000 - 1)).pollInterval(Duration.ofMillis(50))
                    .until(() -> lockWaiters(observer) >= 1);
            List<CompletableFuture<HttpResponse<String>>> queued = new ArrayList<>();
            long startQueued = System.nanoTime();
            for (int i = 0; i < QUEUE_CAPACITY; i++) {
                queued.add(submit(tenant, "queued-" + i));
            }
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> committer.queued() == QUEUE_CAPACITY);

            // the queue is full: the next request is refused at once
            long startFull = System.nanoTime();
            HttpResponse<String> full = submit(tenant, "full").get(10, TimeUnit.SECONDS);
            long fullMillis = millisSince(startFull);
            assertUnavailable(full, RETRY_AFTER);
            assertThat(fullMillis).isLessThan(1_500);
            assertThat(problem(full).path("detail").asText()).contains("waiting to be stored");

            // the stuck statement is cancelled by the lock timeout while the lock is still held: its thread is free
            HttpResponse<String> first = a.get(LOCK_TIMEOUT_MILLIS + MARGIN_MILLIS, TimeUnit.MILLISECONDS);
            long firstMillis = millisSince(startA);
            assertUnavailable(first, "1");
            assertThat(firstMillis).isBetween(LOCK_TIMEOUT_MILLIS - 500, LOCK_TIMEOUT_MILLIS + MARGIN_MILLIS);

            // the queued ones end by the lock timeout or, at the latest, by the commit timeout
            for (CompletableFuture<HttpResponse<String>> response : queued) {
                assertUnavailable(response.get(COMMIT_TIMEOUT_MILLIS + MARGIN_MILLIS, TimeUnit.MILLISECONDS), null);
            }
            assertThat(millisSince(startQueued)).isLessThan(COMMIT_TIMEOUT_MILLIS + MARGIN_MILLIS);
            await().atMost(Duration.ofMillis(LOCK_TIMEOUT_MILLIS + MARGIN_MILLIS)).until(() -> lockWaiters(observer) == 0);
            assertThat(committer.queued()).isZero();
            System.out.printf("stuck intake: queue-full answered 503 in %d ms, the lock-stuck request in %d ms "
                    + "(lock timeout %d ms), the queued ones within %d ms%n", fullMillis, firstMillis,
                    LOCK_TIMEOUT_MILLIS, millisSince(startQueued));
            holder.rollback();
        }

        // nothing answered 503 was stored behind the client's back, and intake works again at once
        assertThat(db.number("SELECT count(*) FROM job WHERE tenant_id = ?", tenant)).isZero();
        HttpResponse<String> after = submit(tenant, "after").get(10, TimeUnit.SECONDS);
        assertThat(after.statusCode()).isEqualTo(202);
    }

    /**
     * The SQLException {@code call} ends with; a call still running {@code bound} plus the margin later fails the
     * test instead of hanging it (the thread is left to the bound the test is about).
     */
    private static SQLException failure(SqlCall call, long boundMillis) throws Exception {
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                call.run();
                return null;
            } catch (Throwable e) {
                return e;
            }
        });
        Throwable error = outcome.get(boundMillis + MARGIN_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(error).as("the call failed").isInstanceOf(SQLException.class);
        return (SQLException) error;
    }

    @FunctionalInterface
    private interface SqlCall {
        void run() throws SQLException;
    }

    private CompletableFuture<HttpResponse<String>> submit(String tenant, String requestId) {
        String body = """
                {"requestId": "%s", "tenantId": "%s", "model": "nano-banana", "input": {"prompt": "a stuck queue"}}"""
                .formatted(requestId, tenant);
        HttpRequest request = HttpRequest.newBuilder(jobs).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private void assertUnavailable(HttpResponse<String> response, String retryAfter) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        if (retryAfter != null) {
            assertThat(response.headers().firstValue("Retry-After")).hasValue(retryAfter);
        }
        JsonNode problem = problem(response);
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("type").asText()).isEqualTo("https://genqueue.dev/problems/unavailable");
    }

    private JsonNode problem(HttpResponse<String> response) throws Exception {
        return mapper.readTree(response.body());
    }

    private static long lockWaiters(Connection observer) throws SQLException {
        try (Statement statement = observer.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // a plain connection without the application's timeouts, for the test's own locks and observations
    private static Connection direct() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
