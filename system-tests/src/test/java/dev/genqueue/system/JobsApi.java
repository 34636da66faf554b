package dev.genqueue.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genqueue.common.contract.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** The REST door of api-service, spoken over plain HTTP as a client would. */
final class JobsApi {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    JobsApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code POST /v1/jobs} with raw bytes and a content type. */
    HttpResponse<String> post(byte[] body, String contentType) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/jobs"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return send(request);
    }

    HttpResponse<String> submit(JsonNode request) {
        return post(request.toString().getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** The job's id from an accepted submission. */
    static UUID jobId(HttpResponse<String> accepted) {
        return UUID.fromString(read(accepted.body()).path("jobId").asText());
    }

    /** {@code GET /v1/jobs/{id}}. */
    JsonNode job(UUID id) {
        HttpResponse<String> response = get("/v1/jobs/" + id);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET job " + id + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return read(response.body());
    }

    /** {@code GET /v1/jobs?tenantId=&requestId=}: the job a request became, once it exists. */
    Optional<JsonNode> jobByRequest(String tenantId, String requestId) {
        HttpResponse<String> response = get("/v1/jobs?tenantId=" + encode(tenantId) + "&requestId="
                + encode(requestId));
        return response.statusCode() == 200 ? Optional.of(read(response.body())) : Optional.empty();
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
