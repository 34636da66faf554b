package dev.genqueue.store.deadletter;

/**
 * How many dead letters of one kind are (or are not yet) redriven.
 *
 * @param kind     {@code dead_letter.kind} as stored
 * @param redriven whether these were redriven into a job
 * @param count    how many
 */
public record DeadLetterCount(String kind, boolean redriven, long count) {
}
