package dev.genqueue.apixo.simulator.api;

import dev.genqueue.apixo.simulator.SimulatorStats;
import dev.genqueue.apixo.simulator.fault.Endpoint;
import dev.genqueue.apixo.simulator.fault.FaultEffect;
import dev.genqueue.apixo.simulator.quota.Account;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs before every API handler: counts the call, then applies in order the outage window, injected faults,
 * configured latency, authentication (401) and the key's rate limit (429).
 */
final class ApiGate implements Handler<RoutingContext> {

    static final String ACCOUNT = "apixo.account";

    private final Services services;
    private final Endpoint endpoint;

    ApiGate(Services services, Endpoint endpoint) {
        this.services = services;
        this.endpoint = endpoint;
    }

    @Override
    public void handle(RoutingContext context) {
        long now = services.now();
        String key = bearer(context);
        Account account = services.accounts().find(key).orElse(null);
        services.stats().call(account == null ? SimulatorStats.UNAUTHENTICATED : key, endpoint);
        ApiExchange exchange = new ApiExchange(context, services.stats(), account == null ? null : key);
        context.put(ApiExchange.KEY, exchange);
        if (endpoint == Endpoint.STATUS) {
            // counted per task before any fault so clients can compute status calls per job
            services.tasks().find(context.request().getParam("taskId")).ifPresent(task -> task.statusCalls().increment());
        }
        if (services.faults().inOutage(now)) {
            exchange.error(503);
            return;
        }
        Optional<FaultEffect> effect = services.faults().responseEffect(endpoint, key, context.pathParam("model"),
                context.request().getParam("taskId"), now);
        if (effect.isPresent() && !apply(effect.get(), exchange)) {
            return;
        }
        long latency = latencyMillis();
        if (latency > 0) {
            exchange.delayBy(latency);
        }
        if (account == null) {
            exchange.error(401);
            return;
        }
        long wait = account.acquireRate(now);
        if (wait > 0) {
            services.stats().rateLimited();
            exchange.tooManyRequests("Rate limit exceeded", services.config().retryAfterHeader() ? wait : null);
            return;
        }
        context.put(ACCOUNT, account);
        context.next();
    }

    /** Applies a response effect; answers whether the call continues to its handler. */
    static boolean apply(FaultEffect effect, ApiExchange exchange) {
        if (effect instanceof FaultEffect.HttpError error) {
            exchange.error(error.status());
            return false;
        }
        if (effect instanceof FaultEffect.DropConnection drop) {
            if (!drop.afterProcessing()) {
                exchange.drop();
                return false;
            }
            exchange.dropAfterProcessing();
        } else if (effect instanceof FaultEffect.SlowResponse slow) {
            exchange.delayBy(slow.delay().toMillis());
        }
        return true;
    }

    private long latencyMillis() {
        long min = services.config().responseLatency().min().toMillis();
        long max = services.config().responseLatency().max().toMillis();
        return max == 0 ? 0 : min == max ? min : ThreadLocalRandom.current().nextLong(min, max + 1);
    }

    private static String bearer(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }
}
