package dev.genqueue.apixo.simulator.task;

import java.util.Locale;

/** The four task states of docs/apixo-api.md §5; {@code success} and {@code failed} are terminal. */
public enum TaskState {
    PENDING,
    PROCESSING,
    SUCCESS,
    FAILED;

    public boolean terminal() {
        return this == SUCCESS || this == FAILED;
    }

    /** The wire value, e.g. {@code processing}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
