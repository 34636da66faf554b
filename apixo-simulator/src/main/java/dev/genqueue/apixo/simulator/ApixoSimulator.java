package dev.genqueue.apixo.simulator;

import dev.genqueue.apixo.simulator.api.ApiRouter;
import dev.genqueue.apixo.simulator.api.ApiVerticle;
import dev.genqueue.apixo.simulator.api.Services;
import dev.genqueue.apixo.simulator.api.TaskPayloads;
import dev.genqueue.apixo.simulator.callback.CallbackDispatcher;
import dev.genqueue.apixo.simulator.control.ControlRoutes;
import dev.genqueue.apixo.simulator.fault.FaultRegistry;
import dev.genqueue.apixo.simulator.output.ResultFiles;
import dev.genqueue.apixo.simulator.quota.Accounts;
import dev.genqueue.apixo.simulator.stats.StatsRecorder;
import dev.genqueue.apixo.simulator.task.DurationOverrides;
import dev.genqueue.apixo.simulator.task.TaskPlanner;
import dev.genqueue.apixo.simulator.task.TaskStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Verticle;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/** A running APIXO simulator: real HTTP on its own Vert.x instance, embeddable in any JVM. */
public final class ApixoSimulator implements AutoCloseable {

    private static final long START_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final Services services;
    private final SimulatorControl control;
    private final int port;
    private final String baseUrl;
    private final long seed;

    private ApixoSimulator(Vertx vertx, Services services, SimulatorControl control, int port, String baseUrl,
            long seed) {
        this.vertx = vertx;
        this.services = services;
        this.control = control;
        this.port = port;
        this.baseUrl = baseUrl;
        this.seed = seed;
    }

    /** Starts listening and returns once every server instance accepts connections. */
    public static ApixoSimulator start(SimulatorConfig config) {
        // no file caching or class-path resolving: nothing is written to disk by an embedded instance
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.eventLoops())
                .setWorkerPoolSize(2).setInternalBlockingPoolSize(2)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        try {
            return boot(vertx, config);
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    private static ApixoSimulator boot(Vertx vertx, SimulatorConfig config) {
        long seed = config.seed() != null ? config.seed() : new SecureRandom().nextLong();
        BaseUrl base = new BaseUrl(config);
        long window = config.rateLimitWindow().toMillis();
        long windowMillis = config.scaleRateLimitWindow() ? Math.max(1, config.scaled(window)) : window;
        TaskStore tasks = new TaskStore();
        DurationOverrides overrides = new DurationOverrides(config.modelDurations());
        StatsRecorder stats = new StatsRecorder();
        TaskPayloads payloads = new TaskPayloads(new ResultFiles(base));
        Services services = new Services(config, System::currentTimeMillis, new Accounts(config.apiKeys(), windowMillis),
                tasks, new TaskPlanner(config, seed, overrides, tasks), overrides, new FaultRegistry(), stats, payloads,
                new CallbackDispatcher(vertx, config, payloads, stats.callbacks()));
        SimulatorControl control = new SimulatorControl(services);
        Function<Vertx, Router> routes = instance -> ApiRouter.create(instance, services, router -> {
            if (config.controlApiEnabled()) {
                ControlRoutes.mount(router, control, services);
            }
        });
        int port = deploy(vertx, config, routes);
        base.bind(port);
        return new ApixoSimulator(vertx, services, control, port, base.listening(), seed);
    }

    // Vert.x shares one host:port between server instances, but not a random port 0: reserve a free port
    // first, and retry with another if something else grabbed it in between
    private static int deploy(Vertx vertx, SimulatorConfig config, Function<Vertx, Router> routes) {
        int attempts = config.port() == 0 ? 3 : 1;
        for (int attempt = 1; ; attempt++) {
            int port = config.port() == 0 ? freePort(config.host()) : config.port();
            Supplier<Verticle> factory = () -> new ApiVerticle(config.host(), port, routes);
            try {
                await(vertx.deployVerticle(factory, new DeploymentOptions().setInstances(config.eventLoops()))
                        .toCompletionStage().toCompletableFuture());
                return port;
            } catch (IllegalStateException e) {
                if (attempt >= attempts) {
                    throw e;
                }
            }
        }
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + host, e);
        }
    }

    /** e.g. {@code http://127.0.0.1:43123}; the API lives under {@code /api/v1}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** {@code baseUrl() + "/api/v1"}. */
    public String apiUrl() {
        return baseUrl + "/api/v1";
    }

    public int port() {
        return port;
    }

    /** The seed in use (drawn at start when the config had none). */
    public long seed() {
        return seed;
    }

    public SimulatorConfig config() {
        return services.config();
    }

    /** Everything counted so far, including per-task details. */
    public SimulatorStats stats() {
        return stats(true);
    }

    /** Everything counted so far; per-task details only when asked (they grow with the task count). */
    public SimulatorStats stats(boolean withTasks) {
        return services.stats().snapshot(services.tasks(), services.accounts(), services.now(), withTasks);
    }

    /** Programmatic faults, keys and resets. */
    public SimulatorControl control() {
        return control;
    }

    /** Stops the servers, timers and callback client; waits until done. */
    @Override
    public void close() {
        services.callbacks().close();
        await(vertx.close().toCompletionStage().toCompletableFuture());
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the simulator", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("simulator failed to start or stop: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("simulator did not start or stop within " + START_TIMEOUT_SECONDS + " s", e);
        }
    }

    /** The base of result links: the configured public URL, or the listening address once bound. */
    static final class BaseUrl implements Supplier<String> {
        private final SimulatorConfig config;
        private volatile String listening;
        private volatile String links;

        BaseUrl(SimulatorConfig config) {
            this.config = config;
        }

        void bind(int port) {
            String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
            listening = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
            String configured = config.publicBaseUrl();
            links = configured == null ? listening
                    : configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }

        String listening() {
            return listening;
        }

        @Override
        public String get() {
            return links;
        }
    }
}
