package dev.genqueue.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scenario measured: its table rows, plus notes (set-up, breakdowns, caveats) for the report.
 *
 * @param number   scenario number (1–7)
 * @param title    short name, e.g. {@code Pipeline throughput}
 * @param setup    one line on how it ran (sizes, stack shape)
 * @param rows     measured values against goals
 * @param notes    further lines for the report
 * @param values   the key numbers by name (e.g. {@code completed}), for checks on a run
 * @param seconds  wall time of the scenario
 */
public record ScenarioResult(int number, String title, String setup, List<Row> rows, List<String> notes,
        Map<String, Double> values, double seconds) {

    public ScenarioResult {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
        values = Map.copyOf(values);
    }

    /** A scenario that did not produce numbers, with the reason. */
    public static ScenarioResult notRun(int number, String title, Verdict verdict, String reason) {
        return new ScenarioResult(number, title, reason, List.of(new Row("—", "—", reason, verdict)), List.of(),
                Map.of(), 0);
    }

    /** A key number, or -1 when the scenario did not record it. */
    public double value(String name) {
        return values.getOrDefault(name, -1.0);
    }

    /** Whether the scenario ran (it was neither skipped nor failed). */
    public boolean ran() {
        return rows.stream().noneMatch(row -> row.verdict() == Verdict.SKIPPED);
    }

    /** Collects rows and notes while a scenario runs. */
    public static final class Builder {

        private final int number;
        private final String title;
        private final long startNanos = System.nanoTime();
        private String setup = "";
        private final List<Row> rows = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final Map<String, Double> values = new LinkedHashMap<>();

        public Builder(int number, String title) {
            this.number = number;
            this.title = title;
        }

        public Builder setup(String value) {
            setup = value;
            return this;
        }

        public Builder row(Row row) {
            rows.add(row);
            return this;
        }

        public Builder note(String line) {
            notes.add(line);
            return this;
        }

        public Builder value(String name, double value) {
            values.put(name, value);
            return this;
        }

        public ScenarioResult build() {
            return new ScenarioResult(number, title, setup, rows, notes, values,
                    (System.nanoTime() - startNanos) / 1e9);
        }
    }
}
