package dev.genqueue.worker.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordTriageTest {

    private static final String VALID = """
            {"requestId":"r-1","tenantId":"t-1","model":"nano-banana","input":{"prompt":"  a red fox  "}}""";

    @Test
    void validRecordBecomesANormalisedRequest() {
        Triaged triaged = RecordTriage.triage(record(VALID));

        assertThat(triaged).isInstanceOf(Triaged.Valid.class);
        Triaged.Valid valid = (Triaged.Valid) triaged;
        assertThat(valid.request().prompt()).isEqualTo("a red fox");
        assertThat(valid.request().mode()).isEqualTo("text-to-image");
        assertThat(valid.source().offset()).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON                  | this is not json                                                              | value is not valid JSON",
            "JSON array                | [1,2,3]                                                                        | body must be a JSON object",
            "trailing garbage          | {\"a\":1} x                                                                    | value is not valid JSON",
            "missing tenantId          | {\"requestId\":\"r\",\"model\":\"nano-banana\",\"input\":{\"prompt\":\"p\"}}    | tenantId: is required",
            "unknown model             | {\"requestId\":\"r\",\"tenantId\":\"t\",\"model\":\"dall-e\",\"input\":{\"prompt\":\"p\"}} | model: unknown model",
            "bad mode                  | {\"requestId\":\"r\",\"tenantId\":\"t\",\"model\":\"nano-banana\",\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"p\"}} | input.mode: must be one of",
            "blank prompt              | {\"requestId\":\"r\",\"tenantId\":\"t\",\"model\":\"nano-banana\",\"input\":{\"prompt\":\"   \"}} | input.prompt: must not be blank",
            "prompt a number           | {\"requestId\":\"r\",\"tenantId\":\"t\",\"model\":\"nano-banana\",\"input\":{\"prompt\":42}}  | input.prompt: must be a string",
            "input not an object       | {\"requestId\":\"r\",\"tenantId\":\"t\",\"model\":\"nano-banana\",\"input\":\"draw\"}        | input: must be a JSON object",
            "unknown field             | {\"requestId\":\"r\",\"tenantId\":\"t\",\"model\":\"nano-banana\",\"input\":{\"prompt\":\"p\"},\"color\":1} | color: unknown field",
            "NUL escaped in input      | {\"requestId\":\"r\",\"tenantId\":\"t\",\"model\":\"nano-banana\",\"input\":{\"prompt\":\"p\",\"x\":\"a\\u0000b\"}} | input.x: must not contain control character U+0000",
            "empty value               | '   '                                                                          | value is empty"})
    void invalidRecordsGetAReason(String kind, String value, String reason) {
        Triaged triaged = RecordTriage.triage(record(value));

        assertThat(triaged).isInstanceOf(Triaged.Invalid.class);
        assertThat(((Triaged.Invalid) triaged).reason()).contains(reason);
    }

    @Test
    void promptOverFiveThousandCharactersIsInvalid() {
        String value = VALID.replace("  a red fox  ", "x".repeat(5001));

        assertThat(((Triaged.Invalid) RecordTriage.triage(record(value))).reason())
                .isEqualTo("input.prompt: must be at most 5000 characters (was 5001)");
    }

    @Test
    void everyViolationIsNamed() {
        Triaged triaged = RecordTriage.triage(record("{\"model\":\"nano-banana\",\"input\":{\"prompt\":\"\"}}"));

        assertThat(((Triaged.Invalid) triaged).reason())
                .contains("requestId: is required", "tenantId: is required", "input.prompt: must not be blank");
    }

    @Test
    void bytesThatAreNotUtf8AreInvalid() {
        byte[] latin1 = "{\"prompt\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(((Triaged.Invalid) RecordTriage.triage(record(latin1))).reason()).isEqualTo("value is not valid UTF-8");
    }

    @Test
    void rawNulIsInvalid() {
        assertThat(((Triaged.Invalid) RecordTriage.triage(record("{\"a\":\u0000}"))).reason())
                .isEqualTo("value must not contain control character U+0000 (at character 5)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "duplicate key      | {\"requestId\":\"r\",\"requestId\":\"s\"}  | value must not repeat key \"requestId\"",
            "NUL in a key       | {\"a\\u0000b\":1}                           | key must not contain control character U+0000",
            "C1 control         | {\"a\":\"\u0085\"}                           | value must not contain control character U+0085",
            "lone surrogate     | {\"a\":\"\\ud800\"}                         | a: must not contain control character U+D800",
            "infinite number    | {\"requestId\":\"r\",\"tenantId\":\"t\",\"model\":\"nano-banana\",\"input\":{\"prompt\":\"p\",\"n\":1e999}} | input.n: must be a finite number"})
    void unstorableTextIsInvalid(String kind, String value, String reason) {
        assertThat(((Triaged.Invalid) RecordTriage.triage(record(value))).reason()).contains(reason);
    }

    @Test
    void deepNestingIsInvalid() {
        String value = "[".repeat(17) + "]".repeat(17);

        assertThat(((Triaged.Invalid) RecordTriage.triage(record(value))).reason())
                .isEqualTo("value must not nest deeper than 16 levels");
    }

    @Test
    void tooManyInputFieldsAreInvalid() {
        StringBuilder input = new StringBuilder("{\"prompt\":\"p\"");
        for (int i = 0; i < 300; i++) {
            input.append(",\"f").append(i).append("\":").append(i);
        }
        String value = VALID.replace("{\"prompt\":\"  a red fox  \"", input.toString());

        assertThat(((Triaged.Invalid) RecordTriage.triage(record(value))).reason())
                .startsWith("input: must not hold more than 256 fields");
    }

    @Test
    void keysAndHeadersFollowTheSameRules() {
        byte[] value = VALID.getBytes(StandardCharsets.UTF_8);
        assertThat(reason(new SourceRecord("t", 0, 1, new byte[] {'k', 0}, value, List.of())))
                .isEqualTo("record key: must not contain control character U+0000");
        assertThat(reason(new SourceRecord("t", 0, 1, new byte[] {(byte) 0xC3, 0x28}, value, List.of())))
                .isEqualTo("record key: is not valid UTF-8");
        assertThat(reason(new SourceRecord("t", 0, 1, new byte[2000], value, List.of())))
                .isEqualTo("record key: must not exceed 1024 bytes (was 2000)");
        assertThat(reason(new SourceRecord("t", 0, 1, (byte[]) null, value,
                List.of(new SourceRecord.Header("trace", new byte[] {(byte) 0xFF})))))
                .isEqualTo("record header 0 value: is not valid UTF-8");
        assertThat(reason(new SourceRecord("t", 0, 1, (byte[]) null, value,
                Collections.nCopies(33, new SourceRecord.Header("h", null)))))
                .isEqualTo("record must not carry more than 32 headers (had 33)");
        assertThat(RecordTriage.triage(new SourceRecord("t", 0, 1, "k".getBytes(StandardCharsets.UTF_8), value,
                List.of(new SourceRecord.Header("traceparent", "00-abc-01".getBytes(StandardCharsets.UTF_8))))))
                .isInstanceOf(Triaged.Valid.class);
    }

    private static String reason(SourceRecord record) {
        return ((Triaged.Invalid) RecordTriage.triage(record)).reason();
    }

    @Test
    void tombstoneIsInvalid() {
        assertThat(((Triaged.Invalid) RecordTriage.triage(record((byte[]) null))).reason()).isEqualTo("record has no value");
    }

    private static SourceRecord record(String value) {
        return record(value.getBytes(StandardCharsets.UTF_8));
    }

    private static SourceRecord record(byte[] value) {
        return new SourceRecord("genqueue.requests.v1", 0, 7, "k", value);
    }
}
