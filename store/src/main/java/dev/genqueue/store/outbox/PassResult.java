package dev.genqueue.store.outbox;

/**
 * What one relay pass did.
 *
 * @param claimed   rows claimed
 * @param published rows acknowledged by Kafka and marked published
 * @param setAside  rows Kafka refused, delayed for a later attempt
 * @param failure   why Kafka could not be reached for (some of) the other rows, or {@code null}
 */
record PassResult(int claimed, int published, int setAside, Throwable failure) {

    static final PassResult EMPTY = new PassResult(0, 0, 0, null);

    /** True when the batch was full and more rows are probably waiting. */
    boolean full(int batchSize) {
        return claimed >= batchSize && failure == null;
    }
}
