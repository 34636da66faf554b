package dev.genqueue.worker.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the api-service's webhook over real HTTP, one per test JVM: {@code POST
 * /v1/callbacks/apixo/{jobId}/{token}} is handed to {@link #handler} (wired to the store's callback writer by
 * the application under test), and can be made to fail a job's first deliveries. {@code /evil/...} plays an
 * attacker's file host and counts every request, so tests prove forged URLs are never fetched.
 */
public final class CallbackReceiver {

    private static final Pattern CALLBACK = Pattern.compile("/v1/callbacks/apixo/([^/]+)(?:/([0-9]+))?/([^/]+)");
    private static HttpServer server;
    private static volatile BiFunction<String, Delivery, Integer> handler = (path, delivery) -> 503;
    private static final Map<UUID, AtomicInteger> failures = new ConcurrentHashMap<>();
    private static final Map<UUID, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private static final Map<UUID, String> issuedUrls = new ConcurrentHashMap<>();
    private static final AtomicInteger evilRequests = new AtomicInteger();

    private CallbackReceiver() {
    }

    /** One delivery as the webhook would read it. */
    /** One delivery; {@code attempt} is {@code null} for a URL that names none. */
    public record Delivery(UUID jobId, String token, String body, Integer attempt) {
    }

    /** Starts the receiver on a free port (once); answers its base URL. */
    public static synchronized String start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", CallbackReceiver::serve);
            server.setExecutor(Executors.newFixedThreadPool(4, task -> {
                Thread thread = new Thread(task, "callback-receiver");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
        }
        return baseUrl();
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Installs what a delivery does; answers the HTTP status to send. */
    public static void handle(BiFunction<String, Delivery, Integer> value) {
        handler = value;
    }

    /** The next {@code count} deliveries for the job are answered 500 (the endpoint is "down"). */
    public static void failNext(UUID jobId, int count) {
        failures.put(jobId, new AtomicInteger(count));
    }

    /** Deliveries received for a job (failed ones included). */
    public static int deliveries(UUID jobId) {
        return deliveries.getOrDefault(jobId, new AtomicInteger()).get();
    }

    /** Records the callback URL genqueue gave APIXO for a job (its latest submission). */
    public static void issued(UUID jobId, String url) {
        issuedUrls.put(jobId, url);
    }

    /** The callback URL of a job's latest submission, or {@code null}. */
    public static String issuedUrl(UUID jobId) {
        return issuedUrls.get(jobId);
    }

    /** Requests made to the attacker's host. */
    public static int evilRequests() {
        return evilRequests.get();
    }

    /** A URL on the attacker's host. */
    public static String evilUrl(String name) {
        return baseUrl() + "/evil/" + name;
    }

    private static void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/evil/")) {
                evilRequests.incrementAndGet();
                answer(exchange, 200, "forged");
                return;
            }
            Matcher matcher = CALLBACK.matcher(path);
            if (!"POST".equals(exchange.getRequestMethod()) || !matcher.matches()) {
                answer(exchange, 404, "");
                return;
            }
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            UUID jobId;
            try {
                jobId = UUID.fromString(matcher.group(1));
            } catch (IllegalArgumentException e) {
                answer(exchange, 200, "");
                return;
            }
            deliveries.computeIfAbsent(jobId, id -> new AtomicInteger()).incrementAndGet();
            AtomicInteger failing = failures.get(jobId);
            if (failing != null && failing.getAndDecrement() > 0) {
                answer(exchange, 500, "down");
                return;
            }
            answer(exchange, handler.apply(path, new Delivery(jobId, matcher.group(3), body,
                    matcher.group(2) == null ? null : Integer.valueOf(matcher.group(2)))), "");
        }
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
