package dev.genqueue.api.job.rest;

import static dev.genqueue.testing.HostileBodies.concat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genqueue.testing.HostileBodies;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Fuzz of the REST door: at least ten thousand generated requests (bodies of every {@link HostileBodies.Kind},
 * hostile {@code Idempotency-Key} headers and content types, valid requests in between), sent as raw bytes over
 * HTTP/1.1 so that no client library cleans them up first. No answer may be a 5xx, every 4xx must be a problem
 * JSON (RFC 9457), every hostile request a 4xx and every valid one a 202. The one exception is a request that is
 * not valid HTTP (a raw control character other than HTAB in a header value, RFC 9110 section 5.5): the HTTP
 * server refuses it with a bare 400 and closes the connection before any application code runs.
 * Sizes and seed: {@code -Dgenqueue.fuzz.requests=100000 -Dgenqueue.fuzz.seed=42}.
 */
@QuarkusTest
class RestDoorFuzzTest {

    private static final int REQUESTS = Integer.getInteger("genqueue.fuzz.requests", 10_000);
    private static final long SEED = Long.getLong("genqueue.fuzz.seed", System.nanoTime());
    private static final int CONNECTIONS = 4;
    private static final int VALID_EVERY = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL root;

    @Test
    void noRequestIsAnsweredWithA5xxAndEveryRefusalIsAProblem() throws Exception {
        String tenant = "rest-fuzz-" + UUID.randomUUID().toString().substring(0, 8);
        HostileBodies bodies = new HostileBodies(SEED, tenant);
        Random random = bodies.random();
        List<Call> calls = new ArrayList<>(REQUESTS);
        for (int i = 0; i < REQUESTS; i++) {
            if (i % VALID_EVERY == 0) {
                calls.add(new Call("valid", "application/json", null, bytes(bodies.valid("valid-" + i)), false));
            } else if (random.nextInt(5) == 0) {
                calls.add(hostileHeaders(random, bodies.valid("h-" + i), "h-" + i));
            } else {
                HostileBodies.Body body = bodies.next("h-" + i);
                calls.add(new Call(body.kind().name().toLowerCase(Locale.ROOT), "application/json", null,
                        body.bytes(), true));
            }
        }
        Map<String, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> byKind = new ConcurrentHashMap<>();
        List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();

        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        List<Future<?>> lanes = new ArrayList<>();
        for (int lane = 0; lane < CONNECTIONS; lane++) {
            int first = lane;
            lanes.add(pool.submit(() -> {
                try (Connection connection = new Connection(root.getHost(), root.getPort())) {
                    String previous = "none";
                    for (int i = first; i < calls.size(); i += CONNECTIONS) {
                        Call call = calls.get(i);
                        Answer answer;
                        try {
                            answer = connection.send(call);
                        } catch (IOException e) {
                            throw new IOException(call.kind + " #" + i + " got no answer (seed " + SEED
                                    + "; before it on this connection: " + previous + ")", e);
                        }
                        previous = call.kind + " #" + i + " answered " + answer.status;
                        byStatus.computeIfAbsent(String.valueOf(answer.status), s -> new AtomicInteger())
                                .incrementAndGet();
                        byKind.computeIfAbsent(call.kind, s -> new AtomicInteger()).incrementAndGet();
                        String problem = judge(call, answer);
                        if (problem != null && wrong.size() < 20) {
                            wrong.add(call.kind + " #" + i + ": " + problem);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> lane : lanes) {
            lane.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        int fiveHundreds = byStatus.entrySet().stream().filter(e -> e.getKey().startsWith("5"))
                .mapToInt(e -> e.getValue().get()).sum();
        int fourHundreds = byStatus.entrySet().stream().filter(e -> e.getKey().startsWith("4"))
                .mapToInt(e -> e.getValue().get()).sum();
        long notHttp = calls.stream().filter(RestDoorFuzzTest::invalidHttp).count();
        System.out.printf("REST door fuzz (seed %d): %d requests in %d ms -> %d x 5xx, %d x 4xx (%d of them refused by"
                        + " the HTTP parser as not valid HTTP, every other one a problem JSON: %s), by status %s%n"
                        + "  by kind: %s%n", SEED, calls.size(), millis, fiveHundreds, fourHundreds, notHttp,
                wrong.isEmpty(), new TreeMap<>(byStatus), new TreeMap<>(byKind));
        assertThat(wrong).as("answers that break the rules").isEmpty();
        assertThat(fiveHundreds).isZero();
    }

    private static String judge(Call call, Answer answer) {
        if (answer.status >= 500) {
            return "answered " + answer.status;
        }
        if (invalidHttp(call)) {
            return answer.status == 400 ? null : "a request that is not valid HTTP answered " + answer.status;
        }
        if (answer.status >= 400) {
            if (!answer.contentType.startsWith("application/problem+json")) {
                return "a " + answer.status + " that is not a problem: " + answer.contentType;
            }
            try {
                JsonNode problem = JSON.readTree(answer.body);
                if (!problem.path("type").isTextual() || !problem.path("title").isTextual()
                        || problem.path("status").asInt() != answer.status) {
                    return "a " + answer.status + " problem without type, title or status";
                }
            } catch (IOException e) {
                return "a " + answer.status + " problem that is not JSON";
            }
        }
        if (call.hostile && answer.status < 400) {
            return "accepted with " + answer.status;
        }
        if (!call.hostile && answer.status != 202) {
            return "valid request answered " + answer.status;
        }
        return null;
    }

    // a valid body with a key header or content type no door may accept
    private static Call hostileHeaders(Random random, String body, String requestId) {
        byte[] value = bytes(body);
        return switch (random.nextInt(6)) {
            // HTAB is the one control character HTTP allows inside a field value: the door must refuse it
            case 0 -> random.nextBoolean()
                    ? new Call("key_tab", "application/json", bytes(requestId + "\tx"), value, true)
                    : new Call("key_control_character", "application/json",
                            concat(bytes(requestId), new byte[] {(byte) control(random)}), value, true);
            case 1 -> new Call("key_non_ascii", "application/json",
                    concat(bytes(requestId), new byte[] {(byte) (0x80 + random.nextInt(0x80))}), value, true);
            case 2 -> new Call("key_oversized", "application/json",
                    bytes(requestId + "k".repeat(129 + random.nextInt(8000))), value, true);
            case 3 -> new Call("key_differs_from_body", "application/json", bytes("other-" + requestId),
                    value, true);
            case 4 -> new Call("content_type_not_json", new String[] {"text/plain", "application/xml",
                    "application/x-www-form-urlencoded", "image/png"}[random.nextInt(4)], null, value, true);
            default -> new Call("content_type_missing", null, null, value, true);
        };
    }

    // a control character RFC 9110 (section 5.5) forbids in a field value: refused by the HTTP parser itself
    private static int control(Random random) {
        int c = random.nextInt(33);
        return c == 32 ? 0x7f : c == '\r' || c == '\n' || c == '\t' ? 0 : c;
    }

    /** Not a valid HTTP request: the HTTP server refuses it before any application code runs. */
    private static boolean invalidHttp(Call call) {
        return call.kind.equals("key_control_character");
    }

    private record Call(String kind, String contentType, byte[] key, byte[] body, boolean hostile) {
    }

    private record Answer(int status, String contentType, byte[] body) {
    }

    /** One keep-alive HTTP/1.1 connection that writes requests byte for byte and reads the answers. */
    private static final class Connection implements AutoCloseable {

        private final String host;
        private final int port;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Connection(String host, int port) {
            this.host = host;
            this.port = port;
        }

        Answer send(Call call) throws IOException {
            if (socket == null) {
                socket = new Socket(host, port);
                socket.setSoTimeout(30_000);
                in = new BufferedInputStream(socket.getInputStream());
                out = socket.getOutputStream();
            }
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(bytes("POST /v1/jobs HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"));
            if (call.contentType != null) {
                request.writeBytes(bytes("Content-Type: " + call.contentType + "\r\n"));
            }
            if (call.key != null) {
                request.writeBytes(bytes("Idempotency-Key: "));
                request.writeBytes(call.key);
                request.writeBytes(bytes("\r\n"));
            }
            // a refusal before the body is read (415) must not leave body bytes on a kept-alive connection
            // and the HTTP server answers a request that is not valid HTTP, then closes the connection
            boolean close = !"application/json".equals(call.contentType) || invalidHttp(call);
            if (close) {
                request.writeBytes(bytes("Connection: close\r\n"));
            }
            request.writeBytes(bytes("Content-Length: " + call.body.length + "\r\n\r\n"));
            request.writeBytes(call.body);
            out.write(request.toByteArray());
            out.flush();
            Answer answer = read();
            if (close) {
                close();
            }
            return answer;
        }

        private Answer read() throws IOException {
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String line = line(); !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
            byte[] body;
            if ("chunked".equalsIgnoreCase(headers.get("Transfer-Encoding"))) {
                ByteArrayOutputStream chunks = new ByteArrayOutputStream();
                for (int size = Integer.parseInt(line().trim(), 16); size > 0;
                        size = Integer.parseInt(line().trim(), 16)) {
                    chunks.writeBytes(in.readNBytes(size));
                    line();
                }
                line();
                body = chunks.toByteArray();
            } else {
                body = in.readNBytes(Integer.parseInt(headers.getOrDefault("Content-Length", "0")));
            }
            if ("close".equalsIgnoreCase(headers.get("Connection"))) {
                close();
            }
            return new Answer(status, headers.getOrDefault("Content-Type", ""), body);
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed by the server");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            if (socket != null) {
                socket.close();
                socket = null;
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
