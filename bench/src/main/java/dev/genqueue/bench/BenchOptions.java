package dev.genqueue.bench;

import dev.genqueue.bench.scenario.Sizes;
import dev.genqueue.bench.stack.RunningStack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The harness's command line.
 *
 * @param sizes     {@code --size full|smoke}
 * @param scenarios {@code --scenarios 1,3,5} (default: all seven)
 * @param profile   {@code --profile}: JFR-record services during each scenario and summarise the samples
 * @param docs      {@code --docs FILE} / {@code --no-docs}: where the table goes (full runs: docs/benchmarks.md)
 * @param report    {@code --report FILE}: the run's Markdown report (default bench/target/bench-report.md)
 * @param running   {@code --running k=v,...}: measure a running stack instead of starting one
 * @param serviceEnv {@code --service-env NAME=VALUE} (repeatable): extra configuration of every service the harness
 *                  starts, e.g. to compare a setting's effect
 * @param serviceJvm {@code --service-jvm "OPTIONS"}: JVM options of the services (default {@code -Xms64m -Xmx512m},
 *                  as in the local stack)
 * @param command   the command line as given, for the report
 */
public record BenchOptions(Sizes sizes, TreeSet<Integer> scenarios, boolean profile, Optional<Path> docs, Path report,
        Optional<RunningStack.Endpoints> running, Map<String, String> serviceEnv, List<String> serviceJvm,
        String command) {

    static final String USAGE = """
            usage: bench/run.sh [--size full|smoke] [--scenarios 1,2,...] [--profile] [--docs FILE | --no-docs]
                                [--report FILE] [--service-env NAME=VALUE]... [--service-jvm "OPTIONS"] [--running api=URL,workers=URL;URL,simulator=URL,key=KEY,
                                 kafka=HOST:PORT,jdbc=URL,db-user=USER,db-password=PW,poll-scale=S]""";

    static BenchOptions parse(String[] args, Path root, String command) {
        Sizes sizes = Sizes.full();
        TreeSet<Integer> scenarios = new TreeSet<>(List.of(1, 2, 3, 4, 5, 6, 7));
        boolean profile = false;
        Optional<Path> docs = null;
        Path report = root.resolve("bench/target/bench-report.md");
        Optional<RunningStack.Endpoints> running = Optional.empty();
        Map<String, String> serviceEnv = new java.util.LinkedHashMap<>();
        List<String> serviceJvm = List.of("-Xms64m", "-Xmx512m");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> sizes = Sizes.named(value(args, ++i));
                case "--scenarios" -> {
                    scenarios = new TreeSet<>();
                    for (String n : value(args, ++i).split(",")) {
                        scenarios.add(Integer.parseInt(n.strip()));
                    }
                }
                case "--profile" -> profile = true;
                case "--docs" -> docs = Optional.of(Path.of(value(args, ++i)));
                case "--no-docs" -> docs = Optional.empty();
                case "--report" -> report = Path.of(value(args, ++i));
                case "--running" -> running = Optional.of(endpoints(value(args, ++i)));
                case "--service-jvm" -> serviceJvm = List.of(value(args, ++i).strip().split("\\s+"));
                case "--service-env" -> {
                    String pair = value(args, ++i);
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--service-env expects NAME=VALUE, got " + pair);
                    }
                    serviceEnv.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
        }
        if (docs == null) {
            docs = sizes.name().equals("full") ? Optional.of(root.resolve("docs/benchmarks.md")) : Optional.empty();
        }
        return new BenchOptions(sizes, scenarios, profile, docs, report, running, serviceEnv, serviceJvm, command);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    private static RunningStack.Endpoints endpoints(String spec) {
        Map<String, String> values = new HashMap<>();
        for (String pair : spec.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--running expects key=value pairs, got " + pair);
            }
            values.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        List<String> workers = new ArrayList<>(List.of(required(values, "workers").split(";")));
        return new RunningStack.Endpoints(required(values, "api"), workers, required(values, "simulator"),
                required(values, "key"), values.getOrDefault("kafka", "127.0.0.1:9092"),
                values.getOrDefault("jdbc", "jdbc:postgresql://127.0.0.1:5432/genqueue"),
                values.getOrDefault("db-user", "postgres"), values.getOrDefault("db-password", ""),
                Double.parseDouble(values.getOrDefault("poll-scale", "0.1")));
    }

    private static String required(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--running needs " + key + "=...");
        }
        return value;
    }
}
