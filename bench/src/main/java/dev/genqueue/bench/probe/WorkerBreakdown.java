package dev.genqueue.bench.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a worker's time went between two scrapes of its meters: state-writer transactions (count, jobs per
 * transaction, commit time), APIXO calls per endpoint (count, mean time), downloads, claims and lateness.
 */
public final class WorkerBreakdown {

    private WorkerBreakdown() {
    }

    /** One line summarising the difference between the scrapes {@code before} and {@code after}. */
    public static String between(List<Metrics> before, List<Metrics> after, double seconds) {
        List<String> parts = new ArrayList<>();
        double commits = delta(before, after, "genqueue_worker_writer_commit_seconds_count");
        double commitTime = delta(before, after, "genqueue_worker_writer_commit_seconds_sum");
        double writes = delta(before, after, "genqueue_worker_writer_batch_size_sum");
        if (commits > 0) {
            parts.add(String.format(Locale.ROOT, "state writer %.0f tx/s, %.1f writes/tx, %.1f ms/tx",
                    commits / seconds, writes / commits, 1000 * commitTime / commits));
        }
        for (String endpoint : List.of("submit", "status")) {
            String label = "endpoint=\"" + endpoint + "\"";
            double calls = delta(before, after, "genqueue_apixo_calls_seconds_count", label);
            double time = delta(before, after, "genqueue_apixo_calls_seconds_sum", label);
            if (calls > 0) {
                parts.add(String.format(Locale.ROOT, "APIXO %s %.0f/s, %.1f ms mean", endpoint, calls / seconds,
                        1000 * time / calls));
            }
        }
        double downloads = delta(before, after, "genqueue_worker_downloads_seconds_count");
        double downloadTime = delta(before, after, "genqueue_worker_downloads_seconds_sum");
        if (downloads > 0) {
            parts.add(String.format(Locale.ROOT, "downloads %.0f/s, %.1f ms mean", downloads / seconds,
                    1000 * downloadTime / downloads));
        }
        double claims = delta(before, after, "genqueue_worker_poll_lateness_seconds_count");
        double late = delta(before, after, "genqueue_worker_poll_lateness_seconds_sum");
        if (claims > 0) {
            parts.add(String.format(Locale.ROOT, "claims %.0f/s, mean lateness %.0f ms", claims / seconds,
                    1000 * late / claims));
        }
        return String.join("; ", parts);
    }

    /** Sum over workers of a counter's increase. */
    public static double delta(List<Metrics> before, List<Metrics> after, String name, String... labels) {
        double total = 0;
        for (int i = 0; i < after.size(); i++) {
            total += after.get(i).sum(name, labels) - (i < before.size() ? before.get(i).sum(name, labels) : 0);
        }
        return total;
    }
}
