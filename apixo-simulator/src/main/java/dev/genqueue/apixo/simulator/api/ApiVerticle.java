package dev.genqueue.apixo.simulator.api;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.function.Function;

/** One HTTP server instance on its own event loop; several share the port (Vert.x round-robins connections). */
public final class ApiVerticle extends AbstractVerticle {

    private final String host;
    private final int port;
    private final Function<Vertx, Router> routes;
    private volatile int actualPort;

    public ApiVerticle(String host, int port, Function<Vertx, Router> routes) {
        this.host = host;
        this.port = port;
        this.routes = routes;
    }

    @Override
    public void start(Promise<Void> started) {
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
                .setTcpNoDelay(true).setCompressionSupported(false).setIdleTimeout(0);
        HttpServer server = vertx.createHttpServer(options).requestHandler(routes.apply(vertx));
        server.listen().onSuccess(listening -> {
            actualPort = listening.actualPort();
            started.complete();
        }).onFailure(started::fail);
    }

    /** The bound port, once started. */
    public int actualPort() {
        return actualPort;
    }
}
