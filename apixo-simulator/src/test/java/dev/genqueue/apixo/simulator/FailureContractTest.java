package dev.genqueue.apixo.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genqueue.apixo.simulator.fault.Endpoint;
import dev.genqueue.apixo.simulator.fault.FaultEffect;
import dev.genqueue.apixo.simulator.fault.FaultRule;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Asynchronous failures: every failCode family, the failed payload shape, refunds and stuck tasks. */
class FailureContractTest {

    private ApixoSimulator simulator;
    private ApiClient client;

    @BeforeEach
    void start() {
        simulator = ApixoSimulator.start(SimulatorConfig.builder()
                .timeFactor(0.002)
                .seed(5L)
                .apiKey("fail-key", Plan.UNLIMITED, new BigDecimal("10"))
                .build());
        client = new ApiClient(simulator.baseUrl(), "fail-key");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "SensitiveContent", "NSFW", "CONTENT_VIOLATION",          // content
        "PromptLengthExceeded", "IMAGE_TOO_LARGE",                // input
        "GENERATION_FAILED", "PROCESSING_TIMEOUT", "MODEL_UNAVAILABLE", // processing / transient
        "INSUFFICIENT_CREDITS",                                   // credits
        "SomethingNobodyDocumented"})                             // unknown code
    void forcedFailCodeEndsTheTaskFailedWithThatCode(String failCode) {
        String taskId = submit("a portrait #sim:fail=" + failCode);

        JsonNode data = awaitTerminal(taskId);

        assertThat(data.get("state").asText()).isEqualTo("failed");
        assertThat(data.get("failCode").asText()).isEqualTo(failCode);
        assertThat(data.get("failMsg").asText()).isNotBlank();
        assertThat(data.has("completeTime")).isTrue();
        assertThat(data.has("resultJson")).isFalse();
        assertThat(data.has("costTime")).isFalse();
    }

    @Test
    void contentFailureNeverReachesProcessingWhileProcessingFailureDoes() {
        simulator.control().setModelDuration("nano-banana", DurationRange.ofSeconds(300, 300));
        String content = submit("x #sim:fail=NSFW");
        String processing = submit("x #sim:fail=GENERATION_FAILED");

        List<String> contentStates = statesUntilTerminal(content);
        List<String> processingStates = statesUntilTerminal(processing);

        assertThat(contentStates).doesNotContain("processing").endsWith("failed");
        assertThat(processingStates).contains("processing").endsWith("failed");
    }

    @Test
    void mediaOnAnUnreachableHostFailsWithInvalidImageUrl() {
        String body = "{\"input\":{\"mode\":\"image-to-image\",\"prompt\":\"p\","
                + "\"image_urls\":[\"https://images.nowhere.invalid/cat.png\"]}}";
        String taskId = client.submit("nano-banana", body).taskId();

        assertThat(awaitTerminal(taskId).get("failCode").asText()).isEqualTo("INVALID_IMAGE_URL");
    }

    @Test
    void failedTaskIsRefundedAndTheBalanceShowsIt() {
        String ok = submit("fine");
        // a long processing phase (1 s) so the charge is observed before the refund
        String failed = submit("bad #sim:fail=MODEL_UNAVAILABLE #sim:duration=500s");
        assertThat(client.balance().data().decimalValue()).isEqualByComparingTo("9.94");

        awaitTerminal(ok);
        awaitTerminal(failed);

        assertThat(client.balance().data().decimalValue()).isEqualByComparingTo("9.97");
        assertThat(new String(client.balance().raw().body())).isEqualTo("{\"code\":200,\"message\":\"success\",\"data\":9.9700}");
        SimulatorStats.KeyStats key = simulator.stats().keys().get("fail-key");
        assertThat(key.charged()).isEqualByComparingTo("0.06");
        assertThat(key.refunded()).isEqualByComparingTo("0.03");
    }

    @Test
    void failureRuleFailsTheNextSubmitsOfAModel() {
        simulator.control().addFault(FaultRule.on(Endpoint.SUBMIT).forModel("nano-banana").times(1)
                .then(new FaultEffect.FailTask("ProhibitedContentDetected", "blocked by test")));

        JsonNode first = awaitTerminal(submit("one"));
        JsonNode second = awaitTerminal(submit("two"));

        assertThat(first.get("failCode").asText()).isEqualTo("ProhibitedContentDetected");
        assertThat(first.get("failMsg").asText()).isEqualTo("blocked by test");
        assertThat(second.get("state").asText()).isEqualTo("success");
    }

    @Test
    void neverFinishingTaskStaysProcessingAndHoldsItsSlot() {
        String taskId = submit("forever #sim:never-finish");

        await().atMost(Duration.ofSeconds(3)).until(() -> state(taskId).equals("processing"));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> state(taskId).equals("processing"));

        assertThat(simulator.stats().keys().get("fail-key").concurrency()).isEqualTo(1);
        assertThat(simulator.stats().tasks().get(taskId).completeTime()).isEqualTo(-1);
    }

    @Test
    void randomFailureRateDrawsTransientCodes() {
        try (ApixoSimulator flaky = ApixoSimulator.start(SimulatorConfig.builder().timeFactor(0).seed(1L).failureRate(1.0)
                .apiKey("flaky-key", Plan.UNLIMITED, BigDecimal.TEN).build())) {
            ApiClient flakyClient = new ApiClient(flaky.baseUrl(), "flaky-key");
            String taskId = flakyClient.submit("nano-banana", ApiClient.body("text-to-image", "p")).taskId();

            JsonNode data = flakyClient.status("nano-banana", taskId).data();
            assertThat(data.get("state").asText()).isEqualTo("failed");
            assertThat(data.get("failCode").asText()).isIn("GENERATION_FAILED", "PROCESSING_TIMEOUT", "MODEL_UNAVAILABLE");
        }
    }

    private String submit(String prompt) {
        ApiClient.Answer answer = client.submit("nano-banana", ApiClient.body("text-to-image", prompt));
        assertThat(answer.status()).isEqualTo(200);
        return answer.taskId();
    }

    private String state(String taskId) {
        return client.status("nano-banana", taskId).data().get("state").asText();
    }

    private List<String> statesUntilTerminal(String taskId) {
        List<String> states = new ArrayList<>();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(2)).until(() -> {
            String state = state(taskId);
            states.add(state);
            return state.equals("failed") || state.equals("success");
        });
        return states;
    }

    private JsonNode awaitTerminal(String taskId) {
        return await().atMost(Duration.ofSeconds(5)).until(() -> client.status("nano-banana", taskId).data(),
                data -> data.get("state").asText().equals("failed") || data.get("state").asText().equals("success"));
    }
}
