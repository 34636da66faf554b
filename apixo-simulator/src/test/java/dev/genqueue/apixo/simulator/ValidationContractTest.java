package dev.genqueue.apixo.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genqueue.apixo.simulator.catalogue.Model;
import dev.genqueue.apixo.simulator.catalogue.ModelCatalogue;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Synchronous request validation of docs/apixo-api.md §4.1 and §11: 400 with the reason in {@code data.error}. */
class ValidationContractTest {

    /** A minimal valid body for every model that needs no earlier task. */
    private static final Map<String, String> MINIMAL = new LinkedHashMap<>();

    static {
        MINIMAL.put("nano-banana", "{\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"p\"}}");
        MINIMAL.put("nano-banana-2", "{\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"p\",\"aspect_ratio\":\"1:1\",\"resolution\":\"2K\"}}");
        MINIMAL.put("nano-banana-pro", "{\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"p\"}}");
        MINIMAL.put("flux-2", "{\"input\":{\"prompt\":\"ppp\"}}");
        MINIMAL.put("midjourney", "{\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"p\"}}");
        MINIMAL.put("gpt-image-1", "{\"input\":{\"prompt\":\"p\"}}");
        MINIMAL.put("gpt-image-2", "{\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"p\"}}");
        MINIMAL.put("grok-image", "{\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"p\"}}");
        MINIMAL.put("seedream-4-0", "{\"input\":{\"prompt\":\"p\"}}");
        MINIMAL.put("seedream-4-5", "{\"input\":{\"prompt\":\"p\"}}");
        MINIMAL.put("seedream-5-0", "{\"input\":{\"prompt\":\"p\"}}");
        MINIMAL.put("sora-2", "{\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"p\"}}");
        MINIMAL.put("sora-2-pro", "{\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"p\",\"duration\":8,\"size\":\"1280*720\"}}");
        MINIMAL.put("veo-3-1", "{\"input\":{\"prompt\":\"p\"}}");
        MINIMAL.put("kling-2-1", "{\"input\":{\"mode\":\"master-text-to-video\",\"prompt\":\"p\"}}");
        MINIMAL.put("kling-2-5-turbo-pro", "{\"input\":{\"prompt\":\"p\"}}");
        MINIMAL.put("kling-2-6", "{\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"p\",\"sound\":false}}");
        MINIMAL.put("kling-3-0-std", "{\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"p\"}}");
        MINIMAL.put("wan-2-5", "{\"input\":{\"prompt\":\"p\"}}");
        MINIMAL.put("wan-2-5-video", "{\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"p\"}}");
        MINIMAL.put("seedance-2-0", "{\"input\":{\"prompt\":\"p\"}}");
        MINIMAL.put("seedance-2-0-fast", "{\"input\":{\"prompt\":\"p\"}}");
        MINIMAL.put("suno", "{\"input\":{\"mode\":\"V5\",\"prompt\":\"p\"}}");
    }

    private static ApixoSimulator simulator;
    private static ApiClient client;

    @BeforeAll
    static void start() {
        simulator = ApixoSimulator.start(SimulatorConfig.builder()
                .timeFactor(0)
                .apiKey("valid-key", Plan.UNLIMITED, new BigDecimal("1000"))
                .build());
        client = new ApiClient(simulator.baseUrl(), "valid-key");
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void everyCatalogueModelAcceptsAMinimalRequest() {
        assertThat(ModelCatalogue.all().stream().map(Model::id).filter(id -> !id.equals("veo-3-1-extend")))
                .containsExactlyInAnyOrderElementsOf(MINIMAL.keySet());
        Map<String, Integer> statuses = MINIMAL.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> client.submit(entry.getKey(), entry.getValue()).status()));

        assertThat(statuses).allSatisfy((model, status) -> assertThat(status).as(model).isEqualTo(200));
    }

    static Stream<Arguments> invalidRequests() {
        String longPrompt = "x".repeat(5001);
        return Stream.of(
                Arguments.of("nano-banana", "{\"input\":{\"mode\":\"text-to-image\"}}", "Missing required field: input.prompt"),
                Arguments.of("nano-banana", "{\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"" + longPrompt + "\"}}",
                        "input.prompt must be at most 5000 characters"),
                Arguments.of("nano-banana", "{\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"   \"}}", "input.prompt must not be empty"),
                Arguments.of("nano-banana", "{\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"p\",\"aspect_ratio\":\"7:3\"}}",
                        "Invalid value for input.aspect_ratio"),
                Arguments.of("nano-banana", "{\"input\":{\"mode\":\"image-to-image\",\"prompt\":\"p\"}}",
                        "Missing required field: input.image_urls"),
                Arguments.of("nano-banana", "{\"input\":{\"mode\":\"image-to-image\",\"prompt\":\"p\",\"image_urls\":"
                        + "[\"https://a.example/1.png\",\"https://a.example/2.png\",\"https://a.example/3.png\","
                        + "\"https://a.example/4.png\",\"https://a.example/5.png\",\"https://a.example/6.png\"]}}",
                        "between 1 and 5 items"),
                Arguments.of("nano-banana", "{\"input\":{\"mode\":\"image-to-image\",\"prompt\":\"p\",\"image_urls\":[\"file:///etc/x\"]}}",
                        "input.image_urls[0] must be an http(s) URL"),
                Arguments.of("nano-banana-2", "{\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"p\",\"aspect_ratio\":\"1:1\"}}",
                        "Missing required field: input.resolution"),
                Arguments.of("flux-2", "{\"input\":{\"prompt\":\"ab\"}}", "input.prompt must be at least 3 characters"),
                Arguments.of("gpt-image-1", "{\"input\":{\"prompt\":\"p\",\"num_images\":3}}", "Invalid value for input.num_images"),
                Arguments.of("seedream-4-5", "{\"input\":{\"prompt\":\"p\",\"max_images\":11}}", "input.max_images must be between 1 and 10"),
                Arguments.of("sora-2", "{\"provider\":\"auto\",\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"p\"}}",
                        "only available with provider \"official\""),
                Arguments.of("sora-2", "{\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"p\",\"duration\":10}}",
                        "Invalid value for input.duration"),
                Arguments.of("veo-3-1", "{\"input\":{\"mode\":\"quality\",\"prompt\":\"p\",\"generationType\":\"REFERENCE_2_VIDEO\","
                        + "\"image_urls\":[\"https://a.example/1.png\"]}}", "REFERENCE_2_VIDEO requires mode fast"),
                Arguments.of("kling-2-1", "{\"input\":{\"prompt\":\"p\"}}", "Missing required field: input.image_urls"),
                Arguments.of("kling-2-6", "{\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"p\"}}", "Missing required field: input.sound"),
                Arguments.of("wan-2-5", "{\"input\":{\"prompt\":\"" + "w".repeat(801) + "\"}}", "at most 800 characters"),
                Arguments.of("suno", "{\"input\":{\"mode\":\"V5\",\"customMode\":true,\"title\":\"t\",\"prompt\":\"la\"}}",
                        "Missing required field: input.style"),
                Arguments.of("suno", "{\"input\":{\"mode\":\"V5\",\"prompt\":\"" + "s".repeat(501) + "\"}}", "at most 500 characters"),
                Arguments.of("midjourney", "{\"input\":{\"mode\":\"vary\",\"imageIndex\":1}}", "Missing required field: input.taskId"),
                Arguments.of("midjourney", "{\"input\":{\"mode\":\"upscale\",\"taskId\":\"task_nope\",\"imageIndex\":1}}",
                        "does not refer to a successful midjourney task"),
                Arguments.of("veo-3-1-extend", "{\"input\":{\"taskId\":\"task_nope\",\"prompt\":\"more\"}}",
                        "does not refer to a successful veo-3-1 task"),
                Arguments.of("nano-banana", "{\"request_type\":\"async\"}", "Missing required field: input"),
                Arguments.of("nano-banana", "{\"input\":{\"prompt\":\"p\"}}", "Missing required field: input.mode"),
                Arguments.of("nano-banana", "{\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"p\"}}", "Invalid value for input.mode"),
                Arguments.of("nano-banana", "{\"request_type\":\"callback\",\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"p\"}}",
                        "Missing required field: callback_url"),
                Arguments.of("nano-banana", "{\"request_type\":\"webhook\",\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"p\"}}",
                        "Invalid value for request_type"),
                Arguments.of("nano-banana", "{\"request_type\":\"callback\",\"callback_url\":\"ftp://hooks.example/x\","
                        + "\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"p\"}}", "callback_url must be an absolute HTTPS URL"),
                Arguments.of("nano-banana", "{\"provider\":\"cheap\",\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"p\"}}",
                        "Invalid value for provider"),
                Arguments.of("nano-banana", "{not json", "Request body is not valid JSON"),
                Arguments.of("nano-banana", "[1,2]", "Request body must be a JSON object"),
                Arguments.of("nano-banana", "{\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"p #sim:explode\"}}",
                        "Invalid simulator directive"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("invalidRequests")
    void invalidRequestIs400WithTheReasonInDataError(String model, String body, String reason) {
        ApiClient.Answer answer = client.submit(model, body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo(400);
        assertThat(answer.json().get("message").asText()).isEqualTo("Invalid request");
        assertThat(answer.error()).contains(reason);
    }

    @Test
    void unknownFieldsAreIgnoredAndResolutionTiersAreCaseInsensitive() {
        String body = "{\"source\":\"mcp\",\"extra\":1,\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"p\","
                + "\"aspect_ratio\":\"16:9\",\"resolution\":\"4k\",\"colour\":\"blue\"}}";

        assertThat(client.submit("nano-banana-2", body).status()).isEqualTo(200);
    }

    @Test
    void bodyWithoutJsonContentTypeIs400() {
        HttpResponse<byte[]> answer = client.plain("POST", "/api/v1/generateTask/nano-banana", "{}");
        // the plain helper sends no key: authentication is checked first
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(client.submitWithContentType("nano-banana", MINIMAL.get("nano-banana"), "text/plain").status())
                .isEqualTo(400);
    }

    @Test
    void followUpModesAcceptAFinishedTaskOfTheirModel() {
        String veo = client.submit("veo-3-1", MINIMAL.get("veo-3-1")).taskId();
        String midjourney = client.submit("midjourney", MINIMAL.get("midjourney")).taskId();
        await().atMost(Duration.ofSeconds(5)).until(() ->
                client.status("veo-3-1", veo).data().get("state").asText().equals("success"));

        ApiClient.Answer extend = client.submit("veo-3-1-extend",
                "{\"input\":{\"taskId\":\"" + veo + "\",\"prompt\":\"and then it rains\"}}");
        ApiClient.Answer upscale = client.submit("midjourney",
                "{\"input\":{\"mode\":\"upscale\",\"taskId\":\"" + midjourney + "\",\"imageIndex\":2}}");

        assertThat(extend.status()).isEqualTo(200);
        assertThat(extend.taskId()).startsWith("extend_task_");
        assertThat(upscale.status()).isEqualTo(200);
        ApiClient.Answer upscaled = client.status("midjourney", upscale.taskId());
        assertThat(ApiClient.resultUrls(upscaled)).hasSize(1);
        assertThat(ApiClient.resultUrls(client.status("midjourney", midjourney))).hasSize(4);
    }

    @Test
    void plainHttpCallbackIsRefusedWhenOnlyHttpsIsAllowed() {
        try (ApixoSimulator strict = ApixoSimulator.start(SimulatorConfig.builder().timeFactor(0)
                .allowHttpCallbacks(false).apiKey("strict-key", Plan.UNLIMITED, BigDecimal.TEN).build())) {
            ApiClient strictClient = new ApiClient(strict.baseUrl(), "strict-key");
            String body = "{\"request_type\":\"callback\",\"callback_url\":\"%s\",\"input\":{\"mode\":\"text-to-image\","
                    + "\"prompt\":\"p\"}}";

            ApiClient.Answer plain = strictClient.submit("nano-banana", body.formatted("http://127.0.0.1:9/hook"));
            assertThat(plain.status()).isEqualTo(400);
            assertThat(plain.error()).isEqualTo("callback_url must use HTTPS");
            assertThat(strictClient.submit("nano-banana", body.formatted("https://hooks.example.org/x")).status())
                    .isEqualTo(200);
        }
    }
}
