package dev.genqueue.common.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.common.contract.DeliveryMode;
import dev.genqueue.common.contract.Json;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {

    private static ObjectNode valid() {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("requestId", "req-1").put("tenantId", "acme").put("model", "nano-banana");
        body.putObject("input").put("prompt", "  a red bicycle  ");
        return body;
    }

    private static ValidationResult validate(JsonNode body) {
        return RequestValidator.validate(body);
    }

    @Test
    void normalisesAValidRequest() {
        ValidationResult result = validate(valid());

        assertThat(result.isValid()).isTrue();
        assertThat(result.request().prompt()).isEqualTo("a red bicycle");
        assertThat(result.request().mode()).isEqualTo("text-to-image");
        assertThat(result.request().delivery()).isNull();
    }

    @Test
    void doesNotModifyTheCallersTree() {
        ObjectNode body = valid();
        validate(body);
        assertThat(body.path("input").path("prompt").asText()).isEqualTo("  a red bicycle  ");
    }

    @Test
    void namesEveryBadField() {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("tenantId", 7).put("model", "no-such-model").put("delivery", "carrier-pigeon").put("colour", "red");

        ValidationResult result = validate(body);

        assertThat(result.violations()).extracting(Violation::field)
                .containsExactlyInAnyOrder("colour", "requestId", "tenantId", "model", "delivery", "input");
    }

    @Test
    void refusesANonObjectBody() {
        assertThat(validate(Json.mapper().createArrayNode()).violations()).extracting(Violation::field)
                .containsExactly("");
        assertThat(validate(null).isValid()).isFalse();
    }

    @Test
    void refusesBlankAndOverlongPrompts() {
        ObjectNode blank = valid();
        blank.with("input").put("prompt", "   ");
        ObjectNode tooLong = valid();
        tooLong.with("input").put("prompt", "x".repeat(5001));
        ObjectNode notText = valid();
        notText.with("input").put("prompt", 42);

        assertThat(validate(blank).summary()).contains("input.prompt: must not be blank");
        assertThat(validate(tooLong).summary()).contains("at most 5000");
        assertThat(validate(notText).summary()).contains("input.prompt: must be a string");
    }

    @Test
    void appliesTheModelsLowerPromptLimitAfterTrimming() {
        ObjectNode body = valid();
        body.put("model", "wan-2-5");
        body.with("input").put("prompt", " " + "x".repeat(800) + " ");
        assertThat(validate(body).isValid()).isTrue();
        body.with("input").put("prompt", "x".repeat(801));
        assertThat(validate(body).summary()).contains("at most 800");
    }

    @Test
    void refusesAModeTheModelDoesNotHave() {
        ObjectNode body = valid();
        body.with("input").put("mode", "text-to-video");
        assertThat(validate(body).violations()).extracting(Violation::field).containsExactly("input.mode");
    }

    @Test
    void imageModesNeedReferenceImages() {
        ObjectNode body = valid();
        body.with("input").put("mode", "image-to-image");
        assertThat(validate(body).violations()).extracting(Violation::field).containsExactly("input.image_urls");
        body.with("input").putArray("image_urls").add("ftp://example.org/a.png");
        assertThat(validate(body).violations()).extracting(Violation::field).containsExactly("input.image_urls[0]");
        body.with("input").putArray("image_urls").add("https://example.org/a.png");
        assertThat(validate(body).isValid()).isTrue();
    }

    @Test
    void promptIsOptionalWhereTheModelTakesNone() {
        ObjectNode body = valid();
        body.put("model", "suno");
        body.with("input").remove("prompt");
        body.with("input").put("customMode", true).put("instrumental", true).put("style", "jazz").put("title", "t");
        assertThat(validate(body).isValid()).isTrue();
        body.with("input").put("instrumental", false);
        assertThat(validate(body).summary()).contains("input.prompt: is required");
    }

    @Test
    void readsTheDeliveryMode() {
        ObjectNode body = valid();
        body.put("delivery", "CALLBACK");
        assertThat(validate(body).request().delivery()).isEqualTo(DeliveryMode.CALLBACK);
    }

    @Test
    void refusesIdentifiersWithUnsafeCharacters() {
        ObjectNode body = valid();
        body.put("requestId", "a b\n");
        body.put("tenantId", "");
        assertThat(validate(body).violations()).extracting(Violation::field)
                .containsExactlyInAnyOrder("requestId", "tenantId");
    }

    @Test
    void refusesNulCharactersAnywhereInTheInput() {
        ObjectNode body = valid();
        body.with("input").putObject("extra").put("note", "a\u0000b");
        assertThat(validate(body).violations()).extracting(Violation::toString)
                .containsExactly("input.extra.note: must not contain control character U+0000");
    }

    @Test
    void refusesControlCharactersAndUnpairedSurrogatesAnywhereInTheBody() {
        ObjectNode body = valid();
        body.put("projectId", "p\u0007");
        assertThat(validate(body).summary()).isEqualTo("projectId: must not contain control character U+0007");
        body = valid();
        body.with("input").put("note", "\ud83d");
        assertThat(validate(body).summary()).isEqualTo("input.note: must not contain control character U+D83D");
        body = valid();
        body.with("input").put("note", "a fox \ud83e\udd8a\n\ton two lines");
        assertThat(validate(body).isValid()).isTrue();
    }

    @Test
    void measuresTheInputInUtf8BytesAndCountsItsFields() {
        ObjectNode body = valid();
        // 30,000 characters of three bytes each: under 64 KiB in characters, over it in bytes
        body.with("input").put("note", "\u20ac".repeat(30_000));
        assertThat(validate(body).summary()).startsWith("input: must not exceed 65536 bytes (was 900");
        body = valid();
        for (int i = 0; i < 300; i++) {
            body.with("input").put("f" + i, i);
        }
        assertThat(validate(body).summary()).startsWith("input: must not hold more than 256 fields");
    }

    @Test
    void namesTheFirstTwentyViolationsOnly() {
        ObjectNode body = valid();
        for (int i = 0; i < 100; i++) {
            body.put("unknown" + i, i);
        }
        assertThat(validate(body).violations()).hasSize(21).last().extracting(Violation::message)
                .isEqualTo("and 80 more violations");
    }
}
