package dev.genqueue.system.chaos;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Timestamped progress lines of a chaos run on standard output (Failsafe keeps them in the test's report). */
final class ChaosLog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private ChaosLog() {
    }

    static void info(String format, Object... args) {
        System.out.println("[chaos " + LocalTime.now().format(TIME) + "] " + String.format(format, args));
    }
}
