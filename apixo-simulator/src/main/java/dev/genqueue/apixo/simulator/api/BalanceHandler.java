package dev.genqueue.apixo.simulator.api;

import dev.genqueue.apixo.simulator.quota.Account;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/apikeys/current-balance}: the key's USD balance as a bare number with 4 decimals. */
final class BalanceHandler implements Handler<RoutingContext> {

    private final Services services;

    BalanceHandler(Services services) {
        this.services = services;
    }

    @Override
    public void handle(RoutingContext context) {
        Account account = context.get(ApiGate.ACCOUNT);
        ApiExchange.of(context).ok(Envelope.balance(account.balance(services.now())));
    }
}
