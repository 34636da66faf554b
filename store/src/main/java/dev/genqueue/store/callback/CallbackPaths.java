package dev.genqueue.store.callback;

import java.util.UUID;

/**
 * The webhook address of one submit attempt of a job,
 * {@code <public-base-url>/v1/callbacks/apixo/<jobId>/<attempt>/<token>}: built by the worker at submit and
 * served by the api-service, both through this class so they cannot disagree. The older form without the
 * attempt, {@code …/<jobId>/<token>}, is still served for tasks submitted before the attempt was named.
 */
public final class CallbackPaths {

    /** The path under which every job's webhook lives. */
    public static final String PREFIX = "/v1/callbacks/apixo";
    /** The JAX-RS template of a job's webhook path. */
    public static final String TEMPLATE = PREFIX + "/{jobId}/{token}";
    /** The JAX-RS template of an attempt's webhook path. */
    public static final String ATTEMPT_TEMPLATE = PREFIX + "/{jobId}/{attempt}/{token}";

    private CallbackPaths() {
    }

    /** The path of a job's webhook, e.g. {@code /v1/callbacks/apixo/3f2b…/Qm9v…}. */
    public static String pathFor(UUID jobId, String token) {
        if (!CallbackTokens.isWellFormed(token)) {
            throw new IllegalArgumentException("not a callback token (use CallbackTokens.newToken())");
        }
        return PREFIX + "/" + jobId + "/" + token;
    }

    /** The path of an attempt's webhook, e.g. {@code /v1/callbacks/apixo/3f2b…/2/Qm9v…}. */
    public static String pathFor(UUID jobId, int attempt, String token) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts are counted from 1");
        }
        return PREFIX + "/" + jobId + "/" + attempt + pathFor(jobId, token).substring(PREFIX.length() + 37);
    }

    /** The full callback URL of one submit attempt: {@code baseUrl} (trailing slashes ignored) plus the path. */
    public static String forAttempt(String baseUrl, UUID jobId, int attempt, String token) {
        return base(baseUrl) + pathFor(jobId, attempt, token);
    }

    /** The full callback URL for APIXO: {@code baseUrl} (trailing slashes ignored) plus {@link #pathFor}. */
    public static String forJob(String baseUrl, UUID jobId, String token) {
        return base(baseUrl) + pathFor(jobId, token);
    }

    private static String base(String baseUrl) {
        String base = baseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (base.isEmpty()) {
            throw new IllegalArgumentException("the public base URL is empty");
        }
        return base;
    }
}
