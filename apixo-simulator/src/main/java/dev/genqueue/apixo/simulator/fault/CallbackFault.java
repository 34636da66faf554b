package dev.genqueue.apixo.simulator.fault;

import java.time.Duration;

/**
 * A change to callback delivery.
 *
 * @param kind   what happens
 * @param copies for {@link Kind#DUPLICATE}: total deliveries of the acknowledged payload (>= 2)
 * @param delay  for {@link Kind#DELAY}: extra simulated delay before the first attempt
 */
public record CallbackFault(Kind kind, int copies, Duration delay) {

    /** The kinds of callback misbehaviour. */
    public enum Kind {
        /** Never sent (a lost webhook); polling still works. */
        DROP,
        /** The acknowledged payload is sent {@code copies} times in total. */
        DUPLICATE,
        /** The first attempt happens {@code delay} (simulated) after completion. */
        DELAY,
        /** After the acknowledged terminal payload, a stale {@code processing} payload arrives (out of order). */
        STALE
    }

    public static CallbackFault drop() {
        return new CallbackFault(Kind.DROP, 1, Duration.ZERO);
    }

    public static CallbackFault duplicate(int copies) {
        if (copies < 2) {
            throw new IllegalArgumentException("duplicate copies must be >= 2");
        }
        return new CallbackFault(Kind.DUPLICATE, copies, Duration.ZERO);
    }

    public static CallbackFault delay(Duration simulated) {
        return new CallbackFault(Kind.DELAY, 1, simulated);
    }

    public static CallbackFault stale() {
        return new CallbackFault(Kind.STALE, 1, Duration.ZERO);
    }
}
