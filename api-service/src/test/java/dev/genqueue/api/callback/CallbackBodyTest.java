package dev.genqueue.api.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CallbackBodyTest {

    @Test
    void envelopeGivesTaskAndState() {
        CallbackBody.Parsed parsed = parse(CallbackWebhookTest.failed("task_1"));

        assertThat(parsed.isValid()).isTrue();
        assertThat(parsed.taskId()).isEqualTo("task_1");
        assertThat(parsed.state()).isEqualTo("failed");
        assertThat(parsed.json()).contains("\"failCode\":\"NSFW\"");
    }

    @Test
    void envelopeWithoutTaskOrStateIsStillAHint() {
        CallbackBody.Parsed parsed = parse("{\"data\": {\"taskId\": 7}}");

        assertThat(parsed.isValid()).isTrue();
        assertThat(parsed.taskId()).isNull();
        assertThat(parsed.state()).isNull();
    }

    @Test
    void somethingElseIsNotAnEnvelope() {
        assertThat(parse("").problem()).isEqualTo("empty body");
        assertThat(parse("{").problem()).isEqualTo("body is not JSON");
        assertThat(parse("{} {}").problem()).isEqualTo("body is not JSON");
        assertThat(parse("\"text\"").problem()).isEqualTo("body is not a JSON object");
        assertThat(parse("{\"data\": [1]}").problem()).isEqualTo("body has no data object");
        assertThat(parse("{\"data\": {\"x\": [\"\\u0000\"]}}").problem()).isEqualTo("body contains NUL characters");
    }

    private static CallbackBody.Parsed parse(String body) {
        return CallbackBody.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
