package dev.genqueue.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code wrk} against {@code POST /v1/jobs} with a Lua script that gives every request a unique request id,
 * and reads requests/s, latency percentiles and errors from its output.
 */
public final class Wrk {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|75|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);

    /**
     * What wrk measured.
     *
     * @param requestsPerSecond completed requests per second
     * @param requests          completed requests
     * @param errors            non-2xx answers plus socket errors
     * @param p50Millis         median latency
     * @param p99Millis         99th percentile latency
     * @param output            wrk's full output
     */
    public record Result(double requestsPerSecond, long requests, long errors, double p50Millis, double p99Millis,
            String output) {
    }

    private Wrk() {
    }

    /** Whether {@code wrk} is installed. */
    public static boolean available() {
        try {
            Process probe = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            probe.waitFor(10, TimeUnit.SECONDS);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The command line {@link #run} executes, for the report. */
    public static List<String> command(String apiBaseUrl, Path script, int threads, int connections,
            Duration duration) {
        return List.of("wrk", "-t" + threads, "-c" + connections, "-d" + duration.toSeconds() + "s", "--latency",
                "-s", script.toString(), apiBaseUrl + "/v1/jobs");
    }

    /** Posts jobs of {@code tenant} for {@code duration}; the script is written to {@code workDir}. */
    public static Result run(String apiBaseUrl, String tenant, Path workDir, int threads, int connections,
            Duration duration) {
        try {
            Files.createDirectories(workDir);
            Path script = workDir.resolve("post-jobs.lua");
            Files.writeString(script, script(tenant), StandardCharsets.UTF_8);
            Process wrk = new ProcessBuilder(command(apiBaseUrl, script, threads, connections, duration))
                    .redirectErrorStream(true).start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!wrk.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
                throw new IllegalStateException("wrk failed:\n" + output);
            }
            return parse(output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run wrk", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static Result parse(String output) {
        double rate = number(RATE, output);
        long total = (long) number(TOTAL, output);
        long errors = (long) number(NON_2XX, output);
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (int group = 1; group <= 4; group++) {
                errors += Long.parseLong(socket.group(group));
            }
        }
        double p50 = 0;
        double p99 = 0;
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            double value = Double.parseDouble(percentile.group(2)) * switch (percentile.group(3)) {
                case "us" -> 0.001;
                case "s" -> 1000.0;
                default -> 1.0;
            };
            if (percentile.group(1).equals("50")) {
                p50 = value;
            } else if (percentile.group(1).equals("99")) {
                p99 = value;
            }
        }
        return new Result(rate, total, errors, p50, p99, output);
    }

    private static double number(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    // each wrk thread numbers its own requests; the thread index keeps ids unique across threads
    static String script(String tenant) {
        List<String> lines = new ArrayList<>();
        lines.add("local threads = 0");
        lines.add("function setup(thread)");
        lines.add("  threads = threads + 1");
        lines.add("  thread:set(\"tid\", threads)");
        lines.add("end");
        lines.add("local n = 0");
        lines.add("local headers = { [\"Content-Type\"] = \"application/json\" }");
        lines.add("request = function()");
        lines.add("  n = n + 1");
        lines.add("  local id = \"" + tenant + "-\" .. tid .. \"-\" .. n");
        lines.add("  local body = '{\"requestId\":\"' .. id .. '\",\"tenantId\":\"" + tenant
                + "\",\"projectId\":\"bench\",\"model\":\"nano-banana\",\"input\":{\"prompt\":\"ingest '"
                + " .. id .. ': a lighthouse at dawn\"}}'");
        lines.add("  return wrk.format(\"POST\", \"/v1/jobs\", headers, body)");
        lines.add("end");
        return String.join("\n", lines) + "\n";
    }

    /** {@code 5,123 req/s}. */
    public static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f req/s", perSecond);
    }
}
