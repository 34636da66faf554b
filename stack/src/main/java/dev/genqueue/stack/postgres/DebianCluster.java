package dev.genqueue.stack.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A PostgreSQL cluster managed by Debian's {@code postgresql-common} tools ({@code pg_lsclusters}). */
record DebianCluster(String version, String name) {

    /** The cluster listening on {@code port}, if {@code pg_lsclusters} knows one. */
    static Optional<DebianCluster> onPort(int port) {
        try {
            String listing = run(List.of("pg_lsclusters", "--no-header"));
            // columns: Ver Cluster Port Status Owner Data-directory Log-file
            return listing.lines()
                    .map(line -> line.trim().split("\\s+"))
                    .filter(columns -> columns.length >= 3 && columns[2].equals(Integer.toString(port)))
                    .map(columns -> new DebianCluster(columns[0], columns[1]))
                    .findFirst();
        } catch (IllegalStateException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Restarts the cluster and waits for {@code pg_ctlcluster} to report it up. */
    void restart() {
        run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, name, "restart"));
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
