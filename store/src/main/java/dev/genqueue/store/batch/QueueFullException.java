package dev.genqueue.store.batch;

/** A {@link GroupCommitter} refused an item: its queue already holds as many items as it may. */
public final class QueueFullException extends RuntimeException {

    private final int capacity;

    public QueueFullException(String name, int capacity) {
        super(name + ": " + capacity + " items are already waiting to be committed", null, false, false);
        this.capacity = capacity;
    }

    /** The queue's capacity. */
    public int capacity() {
        return capacity;
    }
}
