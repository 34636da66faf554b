package dev.genqueue.api;

import java.util.UUID;

/** Request bodies for tests. */
public final class Requests {

    private Requests() {
    }

    /** A fresh, unique idempotency key. */
    public static String newKey() {
        return "req-" + UUID.randomUUID();
    }

    /** A valid image request without requestId (the key comes from the header or is generated). */
    public static String valid(String prompt) {
        return """
                {"tenantId": "acme", "projectId": "launch", "model": "nano-banana",
                 "input": {"prompt": "%s", "aspect_ratio": "1:1"}}""".formatted(prompt);
    }

    /** A valid image request carrying its own requestId. */
    public static String valid(String requestId, String prompt) {
        return """
                {"requestId": "%s", "tenantId": "acme", "model": "nano-banana",
                 "input": {"prompt": "%s"}, "delivery": "polling"}""".formatted(requestId, prompt);
    }
}
