package dev.genqueue.worker.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.genqueue.common.contract.Json;
import dev.genqueue.common.validation.RequestValidator;
import dev.genqueue.common.validation.ValidationResult;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Decides what a raw request record is, the same way the REST door does: strict UTF-8, one JSON value, then
 * {@link RequestValidator}. Never throws: whatever the bytes, the answer is a request or a reason.
 */
public final class RecordTriage {

    private static final ObjectReader READER = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int DETAIL_MAX = 200;

    private RecordTriage() {
    }

    public static Triaged triage(SourceRecord record) {
        if (record.value() == null) {
            return new Triaged.Invalid(record, "record has no value");
        }
        String text = utf8(record.value());
        if (text == null) {
            return new Triaged.Invalid(record, "value is not valid UTF-8");
        }
        if (text.indexOf('\u0000') >= 0) {
            return new Triaged.Invalid(record, "value contains NUL characters");
        }
        JsonNode body;
        try {
            body = READER.readTree(text);
        } catch (JsonProcessingException e) {
            return new Triaged.Invalid(record, "value is not JSON: " + abbreviate(e.getOriginalMessage()));
        }
        if (body == null || body.isMissingNode()) {
            return new Triaged.Invalid(record, "value is empty");
        }
        ValidationResult result = RequestValidator.validate(body);
        if (!result.isValid()) {
            return new Triaged.Invalid(record, result.summary());
        }
        // PostgreSQL jsonb cannot hold \u0000, so such an input could never be stored
        if (holdsNul(result.request().input())) {
            return new Triaged.Invalid(record, "input: must not contain NUL (\\u0000) characters");
        }
        return new Triaged.Valid(record, result.request());
    }

    /** The value as strict UTF-8, or {@code null} when it is not. */
    static String utf8(byte[] value) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean holdsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.asText().indexOf('\u0000') >= 0;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().indexOf('\u0000') >= 0 || holdsNul(field.getValue())) {
                return true;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (holdsNul(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "unreadable";
        }
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= DETAIL_MAX ? line : line.substring(0, DETAIL_MAX) + "…";
    }
}
