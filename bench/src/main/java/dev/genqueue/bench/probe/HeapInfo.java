package dev.genqueue.bench.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A JVM's heap and metaspace use from {@code jcmd <pid> GC.heap_info}, to tell heap from the rest of its RSS. */
public final class HeapInfo {

    private HeapInfo() {
    }

    /** E.g. {@code garbage-first heap total 524288K, used 301234K; Metaspace used 80123K, committed 81000K}. */
    public static String of(long pid) {
        if (pid <= 0) {
            return "unknown process";
        }
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.heap_info").redirectErrorStream(true)
                    .start();
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            List<String> lines = new ArrayList<>();
            for (String line : output.split("\n")) {
                String trimmed = line.strip();
                if (trimmed.startsWith("garbage-first heap") || trimmed.startsWith("Metaspace")) {
                    lines.add(trimmed.replaceAll("\\s*\\[.*$", "").replaceAll("\\s+", " "));
                }
            }
            return lines.isEmpty() ? "not available" : String.join("; ", lines);
        } catch (IOException e) {
            return "not available";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "not available";
        }
    }
}
