package dev.genqueue.apixo.simulator.quota;

import dev.genqueue.apixo.simulator.task.Task;

/**
 * The answer to a submit's quota check.
 *
 * @param verdict what happened
 * @param task    the created task when admitted, else null
 */
public record Admission(Verdict verdict, Task task) {

    /** Why a submit was admitted or refused. */
    public enum Verdict {
        ADMITTED,
        CONCURRENCY_LIMIT,
        INSUFFICIENT_BALANCE
    }
}
