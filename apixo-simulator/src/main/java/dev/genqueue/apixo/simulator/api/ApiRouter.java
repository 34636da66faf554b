package dev.genqueue.apixo.simulator.api;

import dev.genqueue.apixo.simulator.fault.Endpoint;
import dev.genqueue.apixo.simulator.output.FileHandler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Consumer;

/** Builds the routes of one HTTP server instance: the APIXO API, result files and (optionally) control. */
public final class ApiRouter {

    private static final long MAX_BODY_BYTES = 1024 * 1024;

    private ApiRouter() {
    }

    /** A router for one event loop; {@code extraRoutes} mounts the control API when enabled. */
    public static Router create(Vertx vertx, Services services, Consumer<Router> extraRoutes) {
        Router router = Router.router(vertx);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
        router.post("/api/v1/generateTask/:model")
                .handler(body)
                .handler(new ApiGate(services, Endpoint.SUBMIT))
                .handler(new SubmitHandler(services));
        router.get("/api/v1/statusTask/:model")
                .handler(new ApiGate(services, Endpoint.STATUS))
                .handler(new StatusHandler(services));
        router.get("/api/v1/apikeys/current-balance")
                .handler(new ApiGate(services, Endpoint.BALANCE))
                .handler(new BalanceHandler(services));
        router.get("/files/:name").handler(new FileHandler(services.tasks(), services.faults(), services.stats(),
                services.config().urlTtl(), services.clock()));
        extraRoutes.accept(router);
        // unknown paths (404), wrong methods (405), oversized bodies (413) and handler failures (500) end
        // here as bare envelopes, so no stack trace or exception text ever reaches a client
        for (int status : new int[] {400, 404, 405, 413, 500}) {
            router.errorHandler(status, context -> plain(context, status));
        }
        return router;
    }

    private static void plain(RoutingContext context, int status) {
        if (context.response().ended() || context.response().closed()) {
            return;
        }
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Buffer.buffer(Envelope.error(status, Envelope.messageFor(status))));
    }
}
