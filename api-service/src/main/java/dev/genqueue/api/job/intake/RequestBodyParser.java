package dev.genqueue.api.job.intake;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.genqueue.api.problem.ProblemException;
import java.io.IOException;

/**
 * Reads a request body as a JSON tree, strictly: trailing content and duplicate keys are refused, so the
 * request stored is exactly the one the client meant. Parse errors become a 400 naming the position, never
 * the parser's own message.
 */
final class RequestBodyParser {

    private final ObjectReader reader;

    RequestBodyParser(ObjectMapper mapper) {
        this.reader = mapper.reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** The body's JSON tree; throws a 400 problem when the body is empty or not JSON. */
    JsonNode parse(byte[] body) {
        if (body == null || isBlank(body)) {
            throw ProblemException.invalid("", "a JSON object is required");
        }
        try {
            return reader.readTree(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid("", "is not valid JSON" + position(e.getLocation()));
        } catch (IOException e) {
            throw ProblemException.invalid("", "could not be read as JSON");
        }
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
