package dev.genqueue.bench.probe;

import java.util.HashMap;
import java.util.Map;

/**
 * One scrape of a service's Prometheus endpoint ({@code /q/metrics}): series name with its labels (as printed,
 * e.g. {@code genqueue_worker_poll_lateness_seconds_count{status="processing"}}) to value.
 */
public final class Metrics {

    private final Map<String, Double> series;

    private Metrics(Map<String, Double> series) {
        this.series = series;
    }

    public static Metrics scrape(String serviceBaseUrl) {
        return parse(Http.get(serviceBaseUrl + "/q/metrics"));
    }

    static Metrics parse(String text) {
        Map<String, Double> series = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int split = line.lastIndexOf(' ');
            try {
                series.put(line.substring(0, split).strip(), Double.parseDouble(line.substring(split + 1)));
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                // a line of another format (exemplars, comments): not needed here
            }
        }
        return new Metrics(series);
    }

    /** Sum over every series of {@code name} whose labels contain each of {@code labels} ({@code k="v"}). */
    public double sum(String name, String... labels) {
        double total = 0;
        for (Map.Entry<String, Double> entry : series.entrySet()) {
            if (matches(entry.getKey(), name, labels)) {
                total += entry.getValue();
            }
        }
        return total;
    }

    /** Largest value over the matching series. */
    public double max(String name, String... labels) {
        double max = 0;
        for (Map.Entry<String, Double> entry : series.entrySet()) {
            if (matches(entry.getKey(), name, labels)) {
                max = Math.max(max, entry.getValue());
            }
        }
        return max;
    }

    private static boolean matches(String series, String name, String[] labels) {
        if (!(series.equals(name) || series.startsWith(name + "{"))) {
            return false;
        }
        for (String label : labels) {
            if (!series.contains(label)) {
                return false;
            }
        }
        return true;
    }
}
