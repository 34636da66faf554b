package dev.genqueue.store.deadletter;

import java.util.List;

/**
 * One page of dead letters, newest first.
 *
 * @param items the dead letters
 * @param next  where the next page starts, or {@code null} on the last page
 */
public record DeadLetterPage(List<DeadLetter> items, DeadLetterCursor next) {

    public DeadLetterPage {
        items = List.copyOf(items);
    }
}
