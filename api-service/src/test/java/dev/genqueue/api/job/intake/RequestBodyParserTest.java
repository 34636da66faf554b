package dev.genqueue.api.job.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genqueue.api.problem.ProblemException;
import dev.genqueue.common.validation.Violation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestBodyParserTest {

    private final RequestBodyParser parser = new RequestBodyParser();

    @Test
    void readsAJsonObject() {
        assertThat(parse("{\"model\": \"nano-banana\"}").path("model").asText()).isEqualTo("nano-banana");
    }

    @Test
    void nonObjectJsonIsLeftToTheValidator() {
        assertThat(parse("[1, 2]").isArray()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  \n ", "{\"model\": nano", "{\"a\": 1} {\"b\": 2}", "{\"a\": 1, \"a\": 2}", "{'a': 1}"})
    void refusesWhatIsNotExactlyOneJsonValue(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.violations()).extracting(Violation::field).containsExactly(""));
    }

    @Test
    void namesThePositionOfASyntaxErrorButNotTheParser() {
        assertThatThrownBy(() -> parse("{\n  \"model\": nano\n}")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.violations().get(0).message()).contains("line 2").doesNotContain("Unrecognized")
                        .doesNotContain("Source"));
    }

    private com.fasterxml.jackson.databind.JsonNode parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
