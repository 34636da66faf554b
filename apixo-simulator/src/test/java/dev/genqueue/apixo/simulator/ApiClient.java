package dev.genqueue.apixo.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A plain JDK HTTP client speaking the APIXO API to a simulator, as any real client would. */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String key;

    ApiClient(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    ApiClient withKey(String otherKey) {
        return new ApiClient(baseUrl, otherKey);
    }

    /** An HTTP answer with its parsed JSON body (null when not JSON). */
    record Answer(int status, JsonNode json, HttpResponse<byte[]> raw) {
        int code() {
            return json.get("code").asInt();
        }

        JsonNode data() {
            return json.get("data");
        }

        String taskId() {
            return data().get("taskId").asText();
        }

        String error() {
            return data().get("error").asText();
        }
    }

    Answer submit(String model, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/generateTask/" + model))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), Duration.ofSeconds(10));
    }

    Answer submitWithContentType(String model, String body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/generateTask/" + model))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)), Duration.ofSeconds(10));
    }

    Answer submit(String model, ObjectNode body) {
        return submit(model, body.toString());
    }

    Answer status(String model, String taskId) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/statusTask/" + model + "?taskId=" + taskId))
                .GET(), Duration.ofSeconds(10));
    }

    Answer balance() {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/apikeys/current-balance")).GET(),
                Duration.ofSeconds(10));
    }

    /** A request with a client-side timeout, to observe slow answers and dropped connections. */
    HttpResponse<byte[]> rawStatus(String model, String taskId, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                URI.create(baseUrl + "/api/v1/statusTask/" + model + "?taskId=" + taskId)).timeout(timeout).GET();
        authorize(builder);
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> rawSubmit(String model, String body, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/generateTask/" + model))
                .timeout(timeout).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        authorize(builder);
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> download(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Any request against the simulator, without the API key (control API, unknown paths). */
    HttpResponse<byte[]> plain(String method, String path, String body) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The result URLs of a successful status answer (resultJson parsed a second time). */
    static List<String> resultUrls(Answer status) {
        try {
            JsonNode result = JSON.readTree(status.data().get("resultJson").asText());
            List<String> urls = new ArrayList<>();
            result.get("resultUrls").forEach(url -> urls.add(url.asText()));
            return urls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode body(String mode, String prompt) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode input = body.putObject("input");
        if (mode != null) {
            input.put("mode", mode);
        }
        if (prompt != null) {
            input.put("prompt", prompt);
        }
        return body;
    }

    private Answer send(HttpRequest.Builder builder, Duration timeout) {
        authorize(builder.timeout(timeout));
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = null;
            if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
                json = JSON.readTree(response.body());
            }
            return new Answer(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void authorize(HttpRequest.Builder builder) {
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
    }
}
