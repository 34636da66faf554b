package dev.genqueue.common.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a raw request body (REST) or record value (Kafka) the same way for both doors: at most
 * {@link RequestLimits#BODY_MAX_BYTES}, strict UTF-8, no control characters, exactly one JSON value, no duplicate
 * keys, at most {@link RequestLimits#MAX_DEPTH} levels. Never throws: the answer is a tree or the edge it hit.
 */
public final class RequestReader {

    /** Which edge a refused body hit; the REST door answers {@link #TOO_LARGE} with 413, every other with 400. */
    public enum Edge {
        EMPTY, TOO_LARGE, NOT_UTF8, CONTROL_CHARACTER, NOT_JSON, TOO_DEEP, DUPLICATE_KEY
    }

    /** A parsed body, or the edge it hit and why (a message that follows "body" or "value"). */
    public record Read(JsonNode body, Edge edge, String problem) {

        public boolean isValid() {
            return body != null;
        }

        static Read refused(Edge edge, String problem) {
            return new Read(null, edge, problem);
        }
    }

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);
    private static final ObjectReader READER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(RequestLimits.MAX_DEPTH)
                            .maxStringLength(RequestLimits.BODY_MAX_BYTES)
                            .maxNameLength(RequestLimits.BODY_MAX_BYTES)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .reader();

    private RequestReader() {
    }

    /** Reads one body. */
    public static Read read(byte[] bytes) {
        if (bytes == null || isBlank(bytes)) {
            return Read.refused(Edge.EMPTY, "is empty: a JSON object is required");
        }
        if (bytes.length > RequestLimits.BODY_MAX_BYTES) {
            return Read.refused(Edge.TOO_LARGE, "must not exceed " + RequestLimits.BODY_MAX_BYTES + " bytes (was "
                    + bytes.length + ")");
        }
        String text = Text.utf8(bytes);
        if (text == null) {
            return Read.refused(Edge.NOT_UTF8, "is not valid UTF-8");
        }
        // JSON already refuses raw C0 characters in strings, but not DEL, C1 or NUL outside strings
        int forbidden = Text.firstForbidden(text, true);
        if (forbidden >= 0) {
            return Read.refused(Edge.CONTROL_CHARACTER, "must not contain control character "
                    + Text.codePoint(text, forbidden) + " (at character " + forbidden + ")");
        }
        try {
            JsonNode body = READER.readTree(text);
            if (body == null || body.isMissingNode()) {
                return Read.refused(Edge.EMPTY, "is empty: a JSON object is required");
            }
            return new Read(body, null, null);
        } catch (StreamConstraintsException e) {
            return Read.refused(Edge.TOO_DEEP, "must not nest deeper than " + RequestLimits.MAX_DEPTH + " levels");
        } catch (JsonProcessingException e) {
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            if (duplicate.find()) {
                return Read.refused(Edge.DUPLICATE_KEY, "must not repeat key \""
                        + Text.printable(duplicate.group(1), 64) + "\"" + position(e.getLocation()));
            }
            return Read.refused(Edge.NOT_JSON, "is not valid JSON" + position(e.getLocation()));
        } catch (IOException | RuntimeException e) {
            return Read.refused(Edge.NOT_JSON, "could not be read as JSON");
        }
    }

    /**
     * Checks a key or header (name or value): at most {@code maxBytes}, strict UTF-8, no control characters.
     * Answers why not, naming {@code field}, or nothing when the bytes are fine; {@code null} bytes are fine.
     */
    public static Optional<Violation> checkText(String field, byte[] bytes, int maxBytes) {
        if (bytes == null) {
            return Optional.empty();
        }
        if (bytes.length > maxBytes) {
            return Optional.of(new Violation(field, "must not exceed " + maxBytes + " bytes (was " + bytes.length + ")"));
        }
        String text = Text.utf8(bytes);
        if (text == null) {
            return Optional.of(new Violation(field, "is not valid UTF-8"));
        }
        int forbidden = Text.firstForbidden(text, false);
        if (forbidden >= 0) {
            return Optional.of(new Violation(field, "must not contain control character "
                    + Text.codePoint(text, forbidden)));
        }
        return Optional.empty();
    }

    /** The same for text a server already decoded, e.g. an HTTP header; its size is that of its UTF-8 form. */
    public static Optional<Violation> checkText(String field, String text, int maxBytes) {
        if (text == null) {
            return Optional.empty();
        }
        int forbidden = Text.firstForbidden(text, false);
        if (forbidden >= 0) {
            return Optional.of(new Violation(field, "must not contain control character "
                    + Text.codePoint(text, forbidden)));
        }
        return checkText(field, text.getBytes(StandardCharsets.UTF_8), maxBytes);
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String position(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
