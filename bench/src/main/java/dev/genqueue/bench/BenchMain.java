package dev.genqueue.bench;

import dev.genqueue.bench.report.BenchReport;
import dev.genqueue.bench.report.BenchmarksDoc;
import dev.genqueue.bench.report.Machine;
import dev.genqueue.stack.StackLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bench/run.sh [options]}: runs the benchmark scenarios, prints the results table and writes the report
 * (and, for full runs, the table in docs/benchmarks.md).
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws IOException {
        StackLayout layout = StackLayout.discover();
        String command = System.getProperty("bench.command", "bench/run.sh " + String.join(" ", args)).strip();
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, layout.root(), command);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.sizes().name().equals("full") && Machine.oneMinuteLoad() > 2) {
            System.out.println("warning: load average " + Machine.loadAverage() + " — another workload is using this "
                    + "machine; the figures will show it");
        }
        // the packaged jars may come from a private build of a copy of the sources (bench/run.sh --isolated-build)
        String artifacts = System.getProperty("bench.artifacts", "");
        StackLayout jars = artifacts.isBlank() ? layout : new StackLayout(Path.of(artifacts));
        BenchReport report = new BenchRun(options, layout, jars).run();
        System.out.println();
        System.out.println(report.table());
        Files.createDirectories(options.report().toAbsolutePath().getParent());
        Files.writeString(options.report(), "# Benchmark run\n\n" + report.markdown(), StandardCharsets.UTF_8);
        System.out.println("report: " + options.report());
        options.docs().ifPresent(docs -> {
            BenchmarksDoc.write(docs, report);
            System.out.println("table written to " + docs);
        });
        System.exit(0);
    }
}
