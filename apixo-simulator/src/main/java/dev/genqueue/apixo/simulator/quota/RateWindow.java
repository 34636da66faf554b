package dev.genqueue.apixo.simulator.quota;

/**
 * An exact sliding-window counter: remembers the times of the last {@code limit} admitted requests and
 * admits a new one only when the oldest of them left the window. Rejected requests are not counted.
 */
final class RateWindow {

    private final long[] admitted;
    private final long windowMillis;
    private int next;
    private int size;

    RateWindow(int limit, long windowMillis) {
        this.admitted = new long[limit];
        this.windowMillis = windowMillis;
    }

    /** Milliseconds to wait before a request can be admitted: 0 when admitted now (and recorded). */
    synchronized long tryAcquire(long now) {
        if (size < admitted.length) {
            admitted[next] = now;
            next = (next + 1) % admitted.length;
            size++;
            return 0;
        }
        long oldest = admitted[next];
        long freeAt = oldest + windowMillis;
        if (now < freeAt) {
            return freeAt - now;
        }
        admitted[next] = now;
        next = (next + 1) % admitted.length;
        return 0;
    }

    /** Requests admitted within the window ending at {@code now}. */
    synchronized int used(long now) {
        int used = 0;
        for (int i = 0; i < size; i++) {
            if (admitted[i] > now - windowMillis) {
                used++;
            }
        }
        return used;
    }
}
