package dev.genqueue.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine a run measured: cores, memory, CPU model, JDK, and the load average (the box may be shared, so
 * every figure is reported with the load it was measured under).
 *
 * @param cores    available processors
 * @param memoryKb total memory from {@code /proc/meminfo}
 * @param cpuModel {@code model name} from {@code /proc/cpuinfo}
 * @param jdk      vendor and version of the harness's JVM (the services run on the same one)
 */
public record Machine(int cores, long memoryKb, String cpuModel, String jdk) {

    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                field(Path.of("/proc/meminfo"), "MemTotal").map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")))
                        .orElse(0L),
                field(Path.of("/proc/cpuinfo"), "model name").orElse("unknown CPU"),
                System.getProperty("java.vm.vendor", "") + " " + System.getProperty("java.runtime.name", "Java")
                        + " " + System.getProperty("java.runtime.version", System.getProperty("java.version")));
    }

    /** {@code 2 cores, 23.4 GiB RAM, AMD EPYC ..., OpenJDK 17.0.15}. */
    public String describe() {
        return String.format(Locale.ROOT, "%d cores, %.1f GiB RAM, %s, %s", cores, memoryKb / 1024.0 / 1024.0,
                cpuModel, jdk.strip());
    }

    /** The 1-, 5- and 15-minute load averages, e.g. {@code 1.52 1.20 0.98}. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    /** The 1-minute load average, or -1 when unknown. */
    public static double oneMinuteLoad() {
        try {
            return Double.parseDouble(loadAverage().split(" ")[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Optional<String> field(Path file, String name) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().filter(line -> line.startsWith(name))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
