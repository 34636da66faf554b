package dev.genqueue.apixo.simulator.fault;

import java.util.Locale;

/** The simulator's HTTP endpoints, as fault rules and stats name them. */
public enum Endpoint {
    SUBMIT,
    STATUS,
    BALANCE,
    FILES,
    /** Matches every API endpoint (submit, status, balance) in a fault rule; never recorded in stats. */
    ANY;

    /** The lower-case name used in JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a JSON label such as {@code status}. */
    public static Endpoint parse(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }

    /** Whether a rule naming {@code this} applies to a call of {@code actual}. */
    public boolean covers(Endpoint actual) {
        return this == actual || (this == ANY && actual != FILES);
    }
}
