package dev.genqueue.bench.report;

/**
 * One line of the results table.
 *
 * @param metric   what was measured
 * @param goal     the goal, or {@code —}
 * @param measured the value with its unit
 * @param verdict  measured against goal
 */
public record Row(String metric, String goal, String measured, Verdict verdict) {

    public static Row info(String metric, String measured) {
        return new Row(metric, "—", measured, Verdict.INFO);
    }
}
