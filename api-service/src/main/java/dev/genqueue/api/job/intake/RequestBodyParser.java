package dev.genqueue.api.job.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genqueue.api.problem.ProblemException;
import dev.genqueue.api.problem.ProblemType;
import dev.genqueue.common.validation.RequestLimits;
import dev.genqueue.common.validation.RequestReader;

/**
 * Reads a request body with the reader the Kafka door uses ({@link RequestReader}): at most
 * {@link RequestLimits#BODY_MAX_BYTES}, strict UTF-8, no control characters, one JSON value, no duplicate keys,
 * bounded nesting, so the request stored is exactly the one the client meant. A body over the size limit is a
 * 413 problem, every other refusal a 400 naming the position, never the parser's own message.
 */
final class RequestBodyParser {

    /** The body's JSON tree; throws a 400 (or 413) problem when the body cannot be one. */
    JsonNode parse(byte[] body) {
        RequestReader.Read read = RequestReader.read(body);
        if (read.isValid()) {
            return read.body();
        }
        if (read.edge() == RequestReader.Edge.TOO_LARGE) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The request body " + read.problem());
        }
        throw ProblemException.invalid("", read.problem());
    }
}
