package dev.genqueue.common.validation;

/**
 * The edges of a request, the same on both doors. Sizes are bytes of the encoded form (UTF-8), never characters.
 */
public final class RequestLimits {

    /** Largest request body (REST) or record value (Kafka). */
    public static final int BODY_MAX_BYTES = 256 * 1024;
    /** Largest {@code input} object, serialised. */
    public static final int INPUT_MAX_BYTES = 64 * 1024;
    /** Most fields and array elements inside {@code input}, at any depth. */
    public static final int INPUT_MAX_FIELDS = 256;
    /** Deepest nesting of objects and arrays in a body (the body itself is level 1). */
    public static final int MAX_DEPTH = 16;
    /** Largest Kafka record key. */
    public static final int KEY_MAX_BYTES = 1024;
    /** Most headers on one Kafka record. */
    public static final int HEADERS_MAX = 32;
    /** Largest header name (Kafka). */
    public static final int HEADER_NAME_MAX_BYTES = 256;
    /** Largest header value (Kafka record header, or the REST {@code Idempotency-Key}). */
    public static final int HEADER_VALUE_MAX_BYTES = 4096;

    private RequestLimits() {
    }
}
