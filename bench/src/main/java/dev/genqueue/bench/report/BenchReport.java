package dev.genqueue.bench.report;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A whole run: the machine, when and how it ran, and one result per scenario. Renders the results table
 * (Markdown, readable on a console as well) and the details below it.
 *
 * @param machine    where it ran
 * @param started    when it started
 * @param command    the exact command line that produced it
 * @param size       {@code smoke} or {@code full}
 * @param loadBefore load average when the run started
 * @param loadAfter  load average when it ended
 * @param results    one per scenario, in scenario order
 * @param seconds    wall time of the run
 */
public record BenchReport(Machine machine, ZonedDateTime started, String command, String size, String loadBefore,
        String loadAfter, List<ScenarioResult> results, double seconds) {

    public BenchReport {
        results = List.copyOf(results);
    }

    /** The results table: one line per measured value, scenario by scenario. */
    public String table() {
        List<String> lines = new ArrayList<>();
        lines.add("| # | Scenario | Metric | Goal | Measured | Verdict |");
        lines.add("|---|---|---|---|---|---|");
        for (ScenarioResult result : results) {
            boolean first = true;
            for (Row row : result.rows()) {
                lines.add("| " + (first ? result.number() : "") + " | " + (first ? result.title() : "") + " | "
                        + cell(row.metric()) + " | " + cell(row.goal()) + " | " + cell(row.measured()) + " | "
                        + row.verdict() + " |");
                first = false;
            }
        }
        return String.join("\n", lines) + "\n";
    }

    /** Machine, date, command, load and the table: the block written into docs/benchmarks.md. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("Run of ").append(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT)))
                .append(", ").append(size).append(" sizes, ")
                .append(String.format(Locale.ROOT, "%.0f s", seconds)).append(" wall time.\n\n");
        out.append("- Machine: ").append(machine.describe()).append('\n');
        out.append("- Load average (1/5/15 min): ").append(loadBefore).append(" at the start, ").append(loadAfter)
                .append(" at the end\n");
        out.append("- Command: `").append(command).append("`\n\n");
        out.append(table()).append('\n');
        out.append("Set-up and details per scenario:\n\n");
        for (ScenarioResult result : results) {
            out.append("- **").append(result.number()).append(". ").append(result.title()).append("** (")
                    .append(String.format(Locale.ROOT, "%.0f s", result.seconds())).append("): ")
                    .append(result.setup()).append('\n');
            for (String note : result.notes()) {
                out.append("  - ").append(note).append('\n');
            }
        }
        return out.toString();
    }

    public ScenarioResult result(int number) {
        return results.stream().filter(r -> r.number() == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scenario " + number));
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
