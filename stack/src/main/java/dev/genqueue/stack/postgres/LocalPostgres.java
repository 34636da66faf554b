package dev.genqueue.stack.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server for local runs and tests: the server at {@code GENQUEUE_PG_HOST:GENQUEUE_PG_PORT}
 * (default 127.0.0.1:5432, user {@code postgres}) when it answers, otherwise an embedded PostgreSQL
 * started in-process.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Path embeddedDataDir;
    private EmbeddedPostgres embedded;

    private LocalPostgres(String host, int port, String user, String password, EmbeddedPostgres embedded,
            Path embeddedDataDir) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
        this.embeddedDataDir = embeddedDataDir;
    }

    /**
     * Connects to the configured server, or starts an embedded one when none answers.
     *
     * @param embeddedDataDir where an embedded server keeps its data; {@code null} for a throw-away directory
     */
    public static LocalPostgres connectOrStart(Path embeddedDataDir) {
        String host = setting("GENQUEUE_PG_HOST", "127.0.0.1");
        int port = Integer.parseInt(setting("GENQUEUE_PG_PORT", "5432"));
        String user = setting("GENQUEUE_PG_USER", "postgres");
        String password = setting("GENQUEUE_PG_PASSWORD", "");
        if (answers(host, port)) {
            return new LocalPostgres(host, port, user, password, null, null);
        }
        try {
            EmbeddedPostgres started = startEmbedded(embeddedDataDir, 0);
            return new LocalPostgres("127.0.0.1", started.getPort(), "postgres", "", started, embeddedDataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL at " + host + ":" + port + " and the embedded one failed", e);
        }
    }

    /**
     * Restarts the server on the same port and data, as an operator or a crash-recovery test would: an
     * embedded server (which needs a data directory) is stopped and started again; a Debian cluster is
     * restarted with {@code pg_ctlcluster}.
     */
    public synchronized void restart() {
        if (embedded != null) {
            if (embeddedDataDir == null) {
                throw new IllegalStateException("an embedded server without a data directory cannot keep its data");
            }
            try {
                embedded.close();
                embedded = startEmbedded(embeddedDataDir, port);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restart the embedded PostgreSQL", e);
            }
            return;
        }
        DebianCluster.onPort(port)
                .orElseThrow(() -> new IllegalStateException("no pg_ctlcluster cluster serves port " + port))
                .restart();
    }

    /** Creates the database if it does not exist yet; safe to call concurrently from several processes. */
    public void ensureDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password)) {
            if (exists(c, name)) {
                return;
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                // a concurrent creator won the race; anything else is a real failure
                if (!exists(c, name)) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Drops and recreates a database, for tests that need an empty schema. */
    public void recreateDatabase(String name) {
        ensureDatabase(name);
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
                Statement drop = c.createStatement()) {
            drop.execute("DROP DATABASE " + name + " WITH (FORCE)");
            drop.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot recreate database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Drops a database if it exists, closing its connections. */
    public void dropDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
                Statement drop = c.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + name + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Whether this instance started an embedded server (stopped by {@link #close()}). */
    public boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public synchronized void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static EmbeddedPostgres startEmbedded(Path dataDir, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (dataDir != null) {
            builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
        }
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String setting(String name, String fallback) {
        return Optional.ofNullable(System.getProperty(name)).or(() -> Optional.ofNullable(System.getenv(name)))
                .filter(v -> !v.isBlank()).orElse(fallback);
    }
}
