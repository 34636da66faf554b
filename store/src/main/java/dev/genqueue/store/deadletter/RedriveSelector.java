package dev.genqueue.store.deadletter;

import java.util.List;
import java.util.UUID;

/** Which dead letters a bulk redrive takes. */
public sealed interface RedriveSelector {

    /** These records, in this order; already redriven ones answer with their job. */
    record Ids(List<UUID> ids) implements RedriveSelector {

        public Ids {
            ids = List.copyOf(ids);
        }
    }

    /**
     * Records matching a filter that were not redriven yet, never-attempted ones first, then oldest first.
     * The filter's {@code redriven} component is ignored.
     */
    record Matching(DeadLetterFilter filter) implements RedriveSelector {
    }
}
