package dev.genqueue.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchmarksDocTest {

    @Test
    void replacesOnlyTheTextBetweenTheMarkers() {
        String doc = "# Benchmarks\n\nintro\n\n" + BenchmarksDoc.START + "\nold table\n" + BenchmarksDoc.END
                + "\n\n## Bottlenecks\nanalysis\n";

        String updated = BenchmarksDoc.replace(doc, "new table\n");

        assertThat(updated).isEqualTo("# Benchmarks\n\nintro\n\n" + BenchmarksDoc.START + "\nnew table\n"
                + BenchmarksDoc.END + "\n\n## Bottlenecks\nanalysis\n");
    }

    @Test
    void appendsTheMarkersToADocumentWithoutThem() {
        assertThat(BenchmarksDoc.replace("# Benchmarks\n", "table\n"))
                .isEqualTo("# Benchmarks\n\n" + BenchmarksDoc.START + "\ntable\n" + BenchmarksDoc.END + "\n");
    }
}
