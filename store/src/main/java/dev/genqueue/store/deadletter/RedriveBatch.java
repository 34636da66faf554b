package dev.genqueue.store.deadletter;

import java.util.List;

/**
 * The outcome of a bulk redrive.
 *
 * @param results   one result per record handled, in selection order
 * @param remaining records matching the selector that this call did not reach; call again to continue
 */
public record RedriveBatch(List<RedriveResult> results, long remaining) {

    public RedriveBatch {
        results = List.copyOf(results);
    }
}
