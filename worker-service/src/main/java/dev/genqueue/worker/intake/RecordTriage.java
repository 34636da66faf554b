package dev.genqueue.worker.intake;

import dev.genqueue.common.validation.RequestLimits;
import dev.genqueue.common.validation.RequestReader;
import dev.genqueue.common.validation.RequestValidator;
import dev.genqueue.common.validation.ValidationResult;
import dev.genqueue.common.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decides what a raw request record is, with the REST door's reader and limits: key and headers (size, strict
 * UTF-8, no control characters), then the value through {@link RequestReader} and {@link RequestValidator}.
 * Never throws: whatever the bytes, the answer is a request or a reason.
 */
public final class RecordTriage {

    private RecordTriage() {
    }

    public static Triaged triage(SourceRecord record) {
        try {
            return decide(record);
        } catch (RuntimeException | StackOverflowError e) {
            // no rule may stop the door: a record the rules cannot judge is a dead letter like any other
            return new Triaged.Invalid(record, "record could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Triaged decide(SourceRecord record) {
        Optional<String> envelope = envelope(record);
        if (envelope.isPresent()) {
            return new Triaged.Invalid(record, envelope.get());
        }
        if (record.value() == null) {
            return new Triaged.Invalid(record, "record has no value");
        }
        RequestReader.Read read = RequestReader.read(record.value());
        if (!read.isValid()) {
            return new Triaged.Invalid(record, "value " + read.problem());
        }
        ValidationResult result = RequestValidator.validate(read.body());
        if (!result.isValid()) {
            return new Triaged.Invalid(record, result.summary());
        }
        return new Triaged.Valid(record, result.request());
    }

    // what is wrong with the key or the headers, if anything
    private static Optional<String> envelope(SourceRecord record) {
        Optional<Violation> key = RequestReader.checkText("key", record.key(), RequestLimits.KEY_MAX_BYTES);
        if (key.isPresent()) {
            return Optional.of("record " + key.get());
        }
        if (record.headers().size() > RequestLimits.HEADERS_MAX) {
            return Optional.of("record must not carry more than " + RequestLimits.HEADERS_MAX + " headers (had "
                    + record.headers().size() + ")");
        }
        for (int i = 0; i < record.headers().size(); i++) {
            int index = i;
            SourceRecord.Header header = record.headers().get(i);
            byte[] name = header.name() == null ? new byte[0] : header.name().getBytes(StandardCharsets.UTF_8);
            Optional<Violation> problem = RequestReader.checkText("header " + i + " name", name,
                    RequestLimits.HEADER_NAME_MAX_BYTES)
                    .or(() -> RequestReader.checkText("header " + index + " value", header.value(),
                            RequestLimits.HEADER_VALUE_MAX_BYTES));
            if (problem.isPresent()) {
                return Optional.of("record " + problem.get());
            }
            if (name.length == 0) {
                return Optional.of("record header " + i + " name: must not be empty");
            }
        }
        return Optional.empty();
    }
}
