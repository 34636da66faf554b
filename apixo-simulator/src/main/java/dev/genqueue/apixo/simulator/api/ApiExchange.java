package dev.genqueue.apixo.simulator.api;

import dev.genqueue.apixo.simulator.stats.StatsRecorder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * One API call in flight: who made it and how its answer must be altered (held back, or the connection
 * dropped after the work was done). Every answer leaves through here, so stats see every status code.
 */
final class ApiExchange {

    static final String KEY = "apixo.exchange";

    private final RoutingContext context;
    private final StatsRecorder stats;
    private final String apiKey;
    private long delayMillis;
    private boolean dropAfterProcessing;

    ApiExchange(RoutingContext context, StatsRecorder stats, String apiKey) {
        this.context = context;
        this.stats = stats;
        this.apiKey = apiKey;
    }

    static ApiExchange of(RoutingContext context) {
        return context.get(KEY);
    }

    /** The caller's configured key, or null when unauthenticated. */
    String apiKey() {
        return apiKey;
    }

    void delayBy(long millis) {
        delayMillis += millis;
    }

    void dropAfterProcessing() {
        dropAfterProcessing = true;
    }

    void ok(byte[] body) {
        send(200, body, null);
    }

    void error(int status) {
        error(status, Envelope.messageFor(status));
    }

    void error(int status, String message) {
        send(status, Envelope.error(status, message), null);
    }

    /** 400 with the detail in {@code data.error}. */
    void invalid(String detail) {
        send(400, Envelope.error(400, Envelope.messageFor(400), detail), null);
    }

    void tooManyRequests(String message, Long retryAfterMillis) {
        String retryAfter = retryAfterMillis == null ? null : String.valueOf(Math.max(1, (retryAfterMillis + 999) / 1000));
        send(429, Envelope.error(429, message), retryAfter);
    }

    /** Closes the connection without any answer. */
    void drop() {
        stats.dropped();
        context.request().connection().close();
    }

    private void send(int status, byte[] body, String retryAfter) {
        if (dropAfterProcessing) {
            drop();
            return;
        }
        if (delayMillis > 0) {
            long delay = delayMillis;
            delayMillis = 0;
            context.vertx().setTimer(delay, id -> send(status, body, retryAfter));
            return;
        }
        stats.response(status);
        if (context.response().closed()) {
            return;
        }
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (retryAfter != null) {
            context.response().putHeader(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        context.response().end(Buffer.buffer(body));
    }
}
