package dev.genqueue.store.callback;

import java.util.UUID;

/**
 * The webhook address of a job, {@code <public-base-url>/v1/callbacks/apixo/<jobId>/<token>}: built by the
 * worker at submit and served by the api-service, both through this class so they cannot disagree.
 */
public final class CallbackPaths {

    /** The path under which every job's webhook lives. */
    public static final String PREFIX = "/v1/callbacks/apixo";
    /** The JAX-RS template of a job's webhook path. */
    public static final String TEMPLATE = PREFIX + "/{jobId}/{token}";

    private CallbackPaths() {
    }

    /** The path of a job's webhook, e.g. {@code /v1/callbacks/apixo/3f2b…/Qm9v…}. */
    public static String pathFor(UUID jobId, String token) {
        if (!CallbackTokens.isWellFormed(token)) {
            throw new IllegalArgumentException("not a callback token (use CallbackTokens.newToken())");
        }
        return PREFIX + "/" + jobId + "/" + token;
    }

    /** The full callback URL for APIXO: {@code baseUrl} (trailing slashes ignored) plus {@link #pathFor}. */
    public static String forJob(String baseUrl, UUID jobId, String token) {
        String base = baseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (base.isEmpty()) {
            throw new IllegalArgumentException("the public base URL is empty");
        }
        return base + pathFor(jobId, token);
    }
}
