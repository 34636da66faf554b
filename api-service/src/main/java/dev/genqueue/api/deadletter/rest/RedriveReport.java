package dev.genqueue.api.deadletter.rest;

import java.util.List;

/**
 * What a bulk redrive did.
 *
 * @param results   one item per record handled
 * @param processed how many records were handled
 * @param remaining records matching the selector this call did not reach; call again to continue
 */
public record RedriveReport(List<RedriveItem> results, int processed, long remaining) {
}
