package dev.genqueue.bench.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of a process from {@code /proc/<pid>/status}. */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** Current resident set ({@code VmRSS}) in bytes, or -1 when the process is gone. */
    public static long residentBytes(long pid) {
        return field(pid, "VmRSS:");
    }

    /** Peak resident set since the process started ({@code VmHWM}) in bytes, or -1. */
    public static long peakResidentBytes(long pid) {
        return field(pid, "VmHWM:");
    }

    private static long field(long pid, String name) {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
