package dev.genqueue.bench.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Who used the cores during a scenario: CPU time of each stack process, of all PostgreSQL server processes
 * together and of the whole machine, from {@code /proc}. Two snapshots give cores used per part.
 */
public final class CpuUsage {

    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Double> secondsByPart;
    private final double machineBusySeconds;
    private final long takenAtNanos;

    private CpuUsage(Map<String, Double> secondsByPart, double machineBusySeconds, long takenAtNanos) {
        this.secondsByPart = secondsByPart;
        this.machineBusySeconds = machineBusySeconds;
        this.takenAtNanos = takenAtNanos;
    }

    /** CPU seconds so far of the named processes (name to pid), PostgreSQL, the harness and the machine. */
    public static CpuUsage snapshot(Map<String, Long> processes) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        processes.forEach((name, pid) -> seconds.put(name, processSeconds(pid)));
        seconds.put("postgres", postgresSeconds());
        seconds.put("harness", processSeconds(ProcessHandle.current().pid()));
        return new CpuUsage(seconds, machineBusy(), System.nanoTime());
    }

    /** Cores used per part between {@code before} and this snapshot, busiest first, e.g. {@code worker 1.10}. */
    public String coresSince(CpuUsage before) {
        double wall = (takenAtNanos - before.takenAtNanos) / 1e9;
        if (wall <= 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        double ours = 0;
        for (Map.Entry<String, Double> part : secondsByPart.entrySet()) {
            double cores = (part.getValue() - before.secondsByPart.getOrDefault(part.getKey(), 0.0)) / wall;
            ours += cores;
            parts.add(String.format(Locale.ROOT, "%s %.2f", part.getKey(), cores));
        }
        parts.sort((a, b) -> Double.compare(cores(b), cores(a)));
        double machine = (machineBusySeconds - before.machineBusySeconds) / wall;
        return String.format(Locale.ROOT, "cores used: machine %.2f of %d (other processes %.2f) — ", machine,
                Runtime.getRuntime().availableProcessors(), Math.max(0, machine - ours)) + String.join(", ", parts);
    }

    private static double cores(String part) {
        return Double.parseDouble(part.substring(part.lastIndexOf(' ') + 1));
    }

    private static double processSeconds(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name, which is in parentheses and may contain spaces
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double postgresSeconds() {
        double total = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path dir : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String comm = Files.readString(dir.resolve("comm")).strip();
                    if (comm.startsWith("postgres")) {
                        total += processSeconds(Long.parseLong(dir.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }

    private static double machineBusy() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                // user nice system idle iowait irq softirq steal: everything but idle and iowait
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
