package dev.genqueue.bench.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JFR recordings of service processes during a scenario ({@code jcmd <pid> JFR.start/JFR.stop}), summarised
 * from {@code jfr print --events jdk.ExecutionSample}: CPU samples by thread group and by top frame.
 */
public final class Profiler {

    private final Path directory;
    private final Map<Long, Path> recordings = new LinkedHashMap<>();

    public Profiler(Path directory) {
        this.directory = directory;
    }

    /** Starts recording {@code pid} into {@code <directory>/<name>.jfr}. */
    public void start(long pid, String name) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + directory, e);
        }
        Path file = directory.resolve(name + ".jfr");
        run("jcmd", Long.toString(pid), "JFR.start", "name=bench", "settings=profile", "filename=" + file);
        recordings.put(pid, file);
    }

    /** Stops every recording and answers a summary per recording file. */
    public List<String> stopAll() {
        List<String> summaries = new ArrayList<>();
        for (Map.Entry<Long, Path> recording : recordings.entrySet()) {
            run("jcmd", Long.toString(recording.getKey()), "JFR.stop", "name=bench");
            summaries.add(summarise(recording.getValue(), 8));
        }
        recordings.clear();
        return summaries;
    }

    /**
     * CPU samples of a recording: share per thread group, per kind of work (the leaf-most frame of a known
     * library decides: JDBC, HTTP, Kafka, JSON, logging, ...) and per genqueue method (the leaf-most
     * {@code dev.genqueue} frame: whose code the time was spent for).
     */
    public static String summarise(Path recording, int top) {
        String text = run("jfr", "print", "--stack-depth", "64", "--events", "jdk.ExecutionSample",
                recording.toString());
        Map<String, Integer> byThread = new HashMap<>();
        Map<String, Integer> byKind = new HashMap<>();
        Map<String, Integer> byCaller = new HashMap<>();
        int samples = 0;
        String thread = null;
        List<String> stack = null;
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("sampledThread = ")) {
                thread = threadGroup(trimmed.substring("sampledThread = ".length()));
            } else if (trimmed.startsWith("stackTrace = [")) {
                stack = new ArrayList<>();
            } else if (stack != null && trimmed.startsWith("]")) {
                samples++;
                byThread.merge(thread == null ? "?" : thread, 1, Integer::sum);
                byKind.merge(kind(stack), 1, Integer::sum);
                byCaller.merge(caller(stack), 1, Integer::sum);
                stack = null;
            } else if (stack != null && !trimmed.equals("...")) {
                stack.add(trimmed.replaceAll("\\s+line:.*", ""));
            }
        }
        return recording.getFileName() + ": " + samples + " CPU samples; by thread: " + top(byThread, top, samples)
                + "; by kind of work: " + top(byKind, top, samples) + "; by genqueue method: "
                + top(byCaller, top, samples);
    }

    private static final List<Map.Entry<String, String>> KINDS = List.of(
            Map.entry("org.jboss.logmanager", "logging"), Map.entry("org.jboss.logging", "logging"),
            Map.entry("org.postgresql", "JDBC"), Map.entry("io.agroal", "JDBC pool"),
            Map.entry("org.hibernate", "Hibernate"), Map.entry("com.arjuna", "JTA"),
            Map.entry("io.narayana", "JTA"), Map.entry("org.apache.kafka", "Kafka client"),
            Map.entry("io.smallrye.reactive.messaging", "reactive messaging"),
            Map.entry("com.fasterxml.jackson", "JSON"), Map.entry("io.micrometer", "metrics"),
            Map.entry("org.jboss.resteasy", "REST client/server"), Map.entry("io.vertx", "HTTP (Vert.x)"),
            Map.entry("io.netty", "HTTP (Netty)"), Map.entry("jdk.internal.net.http", "HTTP (JDK client)"),
            Map.entry("java.net.http", "HTTP (JDK client)"), Map.entry("sun.security", "crypto"),
            Map.entry("java.security", "crypto"), Map.entry("sun.nio.fs", "file system"),
            Map.entry("sun.nio.ch.FileChannelImpl", "file system"), Map.entry("java.util.zip", "zip"),
            Map.entry("jdk.jfr", "JFR"), Map.entry("java.util.regex", "regex"));

    private static String kind(List<String> stack) {
        for (String frame : stack) {
            for (Map.Entry<String, String> kind : KINDS) {
                if (frame.startsWith(kind.getKey())) {
                    return kind.getValue();
                }
            }
        }
        return stack.stream().filter(f -> f.startsWith("dev.genqueue")).findFirst().map(f -> "genqueue code")
                .orElse("other (JDK, GC)");
    }

    private static String caller(List<String> stack) {
        return stack.stream().filter(f -> f.startsWith("dev.genqueue"))
                .map(f -> f.replaceAll("\\(.*$", "").replaceAll("^dev\\.genqueue\\.", "")).findFirst()
                .orElse("(none)");
    }

    // "genqueue-writer-2" (javaThreadId = 54) -> genqueue-writer
    private static String threadGroup(String sampled) {
        int end = sampled.indexOf('"', 1);
        String name = end > 0 ? sampled.substring(1, end) : sampled;
        return name.replaceAll("[-#_ ]?\\d+$", "").replaceAll("\\s*\\(.*$", "");
    }

    private static String top(Map<String, Integer> counts, int n, int total) {
        List<String> parts = new ArrayList<>();
        counts.entrySet().stream().sorted((a, b) -> Integer.compare(b.getValue(), a.getValue())).limit(n)
                .forEach(e -> parts.add(e.getKey() + " " + String.format(Locale.ROOT, "%.0f%%",
                        100.0 * e.getValue() / Math.max(1, total))));
        return String.join(", ", parts);
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(120, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
