package dev.genqueue.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a run into {@code docs/benchmarks.md} between two marker comments, so the hand-written analysis
 * around the table stays as it is. A file without markers gets them appended.
 */
public final class BenchmarksDoc {

    static final String START = "<!-- bench:results:start -->";
    static final String END = "<!-- bench:results:end -->";

    private BenchmarksDoc() {
    }

    public static void write(Path file, BenchReport report) {
        try {
            String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8)
                    : "# Benchmarks\n\n";
            Files.writeString(file, replace(text, report.markdown()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String replace(String text, String block) {
        String section = START + "\n" + block + END;
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            return text + (text.endsWith("\n") ? "\n" : "\n\n") + section + "\n";
        }
        return text.substring(0, start) + section + text.substring(end + END.length());
    }
}
