package dev.genqueue.common.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** How genqueue learns that an APIXO task finished. */
public enum DeliveryMode {
    /** genqueue queries the status endpoint on the model type's schedule. */
    POLLING,
    /** APIXO posts the result to genqueue's webhook; a safety poll covers a lost callback. */
    CALLBACK;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static DeliveryMode fromWire(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("unknown delivery mode: " + value));
    }

    /** The mode with this wire name (case-insensitive), if any. */
    public static Optional<DeliveryMode> parse(String value) {
        for (DeliveryMode mode : values()) {
            if (mode.wireName().equalsIgnoreCase(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
