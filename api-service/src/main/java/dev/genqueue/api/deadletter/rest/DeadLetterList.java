package dev.genqueue.api.deadletter.rest;

import java.util.List;

/**
 * A page of dead letters, newest first.
 *
 * @param items      the dead letters
 * @param nextCursor pass as {@code cursor} to get the next page; {@code null} on the last page
 * @param next       the next page's path with the same filters, or {@code null}
 */
public record DeadLetterList(List<DeadLetterView> items, String nextCursor, String next) {
}
