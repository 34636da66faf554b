package dev.genqueue.system.chaos;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

/**
 * {@code chaos/run.sh}: both scenarios at full size (or {@code ci}) on one stack, then the figures table on
 * standard output and in {@code system-tests/target/chaos-run/figures.md}. Exits 1 when a guarantee failed.
 */
public final class ChaosMain {

    /** Simulated APIXO durations: a two-minute video renders in about a second. */
    static final double SIMULATOR_TIME_FACTOR = 0.01;
    /** The workers' poll schedule, looser than the simulator so no task outlives its model's max wait. */
    static final double POLL_TIME_SCALE = 0.05;

    private ChaosMain() {
    }

    public static void main(String[] args) throws IOException {
        ChaosSize size = ChaosSize.named(args.length > 0 ? args[0] : "full");
        long started = System.nanoTime();
        ChaosScenario.Outcome chaos;
        DatabaseRestart.Outcome database;
        RollingRestart.Outcome rolling;
        Path stateDir;
        try (ChaosStack stack = ChaosStack.start("chaos-run", size.lease(), SIMULATOR_TIME_FACTOR, POLL_TIME_SCALE)) {
            stateDir = stack.stack().settings().stateDir();
            chaos = ChaosScenario.run(stack, size);
            database = DatabaseRestart.run(stack, size);
            rolling = RollingRestart.run(stack, size);
        }
        String text = "Chaos run, " + size.name() + " size, " + LocalDate.now() + " on " + machine() + ", "
                + String.format("%.1f min", Duration.ofNanos(System.nanoTime() - started).toSeconds() / 60.0)
                + " in all\n\n" + ChaosReport.table(chaos, rolling) + "\n" + ChaosReport.table(database) + "\n"
                + ChaosReport.details(chaos, database, rolling) + "\n";
        System.out.println(text);
        Files.writeString(stateDir.resolve("figures.md"), text);
        boolean clean = chaos.audit().clean() && rolling.audit().clean() && rolling.audit().windowHits() == 0
                && database.audit().clean() && database.audit().windowHits() == 0
                && chaos.audit().submits().duplicatePaidSubmits() == 0
                && rolling.stops().stream().allMatch(stop -> stop.leasedAfter() == 0 && stop.exitCode() != 137);
        System.out.println(clean ? "Every guarantee held." : "A guarantee FAILED: see the findings above.");
        System.exit(clean ? 0 : 1);
    }

    private static String machine() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "this machine";
        }
        return host + " (" + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("os.name") + ", Java " + System.getProperty("java.version") + ")";
    }
}
