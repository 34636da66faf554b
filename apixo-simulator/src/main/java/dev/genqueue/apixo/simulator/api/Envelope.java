package dev.genqueue.apixo.simulator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/** The {@code {code,message,data}} envelope of every API answer (docs/apixo-api.md §3). */
public final class Envelope {

    /** Shared, thread-safe mapper for the simulator's JSON. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private Envelope() {
    }

    /** {@code {"code":200,"message":"success","data":…}}. */
    public static byte[] success(JsonNode data) {
        ObjectNode envelope = MAPPER.createObjectNode();
        envelope.put("code", 200);
        envelope.put("message", "success");
        envelope.set("data", data);
        return write(envelope);
    }

    /** The balance answer: {@code data} is a bare number with 4 decimals. */
    public static byte[] balance(BigDecimal usd) {
        return ("{\"code\":200,\"message\":\"success\",\"data\":" + usd.toPlainString() + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** An error without {@code data} (docs/apixo-api.md §3, §13.2). */
    public static byte[] error(int code, String message) {
        ObjectNode envelope = MAPPER.createObjectNode();
        envelope.put("code", code);
        envelope.put("message", message);
        return write(envelope);
    }

    /** A request error carrying its detail in {@code data.error}. */
    public static byte[] error(int code, String message, String detail) {
        ObjectNode envelope = MAPPER.createObjectNode();
        envelope.put("code", code);
        envelope.put("message", message);
        envelope.putObject("data").put("error", detail);
        return write(envelope);
    }

    /** The short message used for an HTTP status. */
    public static String messageFor(int status) {
        return switch (status) {
            case 400 -> "Invalid request";
            case 401 -> "Invalid or missing API key";
            case 402 -> "Insufficient balance";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 413 -> "Request body too large";
            case 429 -> "Rate limit exceeded";
            case 500 -> "Internal server error";
            case 502 -> "Bad gateway";
            case 503 -> "Service temporarily unavailable";
            case 504 -> "Gateway timeout";
            default -> "Error";
        };
    }

    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
