package dev.genqueue.apixo.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery with a scaled clock: time factor 0.002 turns the 30 s / 2 min / 10 min retry delays into
 * 60 ms / 240 ms / 1200 ms.
 */
class CallbackContractTest {

    private static final double FACTOR = 0.002;
    private static final long FIRST_RETRY_MS = 60;
    private static final long SECOND_RETRY_MS = 240;
    private static final long THIRD_RETRY_MS = 1200;
    // generous upper slack for a shared 2-core machine; lower bounds are exact
    private static final long SLACK_MS = 2000;

    private ApixoSimulator simulator;
    private ApiClient client;
    private CallbackReceiver receiver;

    @BeforeEach
    void start() {
        simulator = ApixoSimulator.start(SimulatorConfig.builder()
                .timeFactor(FACTOR)
                .seed(11L)
                .callbackTimeout(Duration.ofMillis(300))
                .apiKey("hook-key", Plan.UNLIMITED, new BigDecimal("100"))
                .build());
        client = new ApiClient(simulator.baseUrl(), "hook-key");
        receiver = new CallbackReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
        simulator.close();
    }

    @Test
    void receiverFailingTwiceGetsThreeAttemptsAtTheScaledRetryDelays() {
        receiver.answerNext(500, 502);
        String taskId = submitWithCallback("a lighthouse #sim:duration=0s", receiver.url());

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.deliveriesFor(taskId).size() == 3);
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
                .until(() -> receiver.deliveriesFor(taskId).size() == 3);

        List<CallbackReceiver.Delivery> attempts = receiver.deliveriesFor(taskId);
        assertGap(attempts.get(0), attempts.get(1), FIRST_RETRY_MS);
        assertGap(attempts.get(1), attempts.get(2), SECOND_RETRY_MS);
        assertThat(attempts).allMatch(delivery -> delivery.state().equals("success"));
        SimulatorStats.CallbackStats callbacks = simulator.stats().callbacks();
        assertThat(callbacks.attempted()).isEqualTo(3);
        assertThat(callbacks.failedAttempts()).isEqualTo(2);
        assertThat(callbacks.acknowledged()).isEqualTo(1);
        assertThat(callbacks.abandoned()).isZero();
    }

    @Test
    void receiverAlwaysFailingGetsFourAttemptsThenDeliveryIsAbandonedButPollingStillWorks() {
        receiver.answerAlways(503);
        String taskId = submitWithCallback("a harbour #sim:duration=0s", receiver.url());

        await().atMost(Duration.ofSeconds(15)).until(() -> simulator.stats().callbacks().abandoned() == 1);

        List<CallbackReceiver.Delivery> attempts = receiver.deliveriesFor(taskId);
        assertThat(attempts).hasSize(4);
        assertGap(attempts.get(0), attempts.get(1), FIRST_RETRY_MS);
        assertGap(attempts.get(1), attempts.get(2), SECOND_RETRY_MS);
        assertGap(attempts.get(2), attempts.get(3), THIRD_RETRY_MS);
        assertThat(simulator.stats().tasks().get(taskId).callbackAttempts()).isEqualTo(4);
        assertThat(client.status("nano-banana", taskId).data().get("state").asText()).isEqualTo("success");
    }

    @Test
    void deliveryCarriesTheStatusEnvelopeAsJson() {
        String taskId = submitWithCallback("a canal at dusk", receiver.url());

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveriesFor(taskId).size() == 1);

        CallbackReceiver.Delivery delivery = receiver.deliveriesFor(taskId).get(0);
        assertThat(delivery.contentType()).isEqualTo("application/json");
        assertThat(delivery.body()).isEqualTo(client.status("nano-banana", taskId).json());
        assertThat(delivery.receivedAt()).isGreaterThanOrEqualTo(delivery.body().get("data").get("completeTime").asLong());
    }

    @Test
    void failedTaskIsDeliveredWithItsFailCode() {
        String taskId = submitWithCallback("forbidden #sim:fail=NSFW", receiver.url());

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveriesFor(taskId).size() == 1);

        CallbackReceiver.Delivery delivery = receiver.deliveriesFor(taskId).get(0);
        assertThat(delivery.state()).isEqualTo("failed");
        assertThat(delivery.body().get("data").get("failCode").asText()).isEqualTo("NSFW");
        assertThat(delivery.body().get("data").has("resultJson")).isFalse();
    }

    @Test
    void receiverThatNeverAnswersTimesOutAndIsRetried() {
        String taskId = submitWithCallback("a windmill #sim:duration=0s", receiver.hangingUrl());

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveriesFor(taskId).size() >= 2);

        assertThat(simulator.stats().callbacks().failedAttempts()).isGreaterThanOrEqualTo(1);
        assertThat(simulator.stats().callbacks().acknowledged()).isZero();
    }

    @Test
    void duplicateInjectionDeliversTheSamePayloadThreeTimes() {
        String taskId = submitWithCallback("a bridge #sim:callback=dup:3", receiver.url());

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveriesFor(taskId).size() == 3);

        List<CallbackReceiver.Delivery> copies = receiver.deliveriesFor(taskId);
        assertThat(copies).extracting(CallbackReceiver.Delivery::body).containsOnly(copies.get(0).body());
        assertThat(simulator.stats().callbacks().duplicatesSent()).isEqualTo(2);
        assertThat(simulator.stats().tasks().get(taskId).callbackAcks()).isEqualTo(3);
    }

    @Test
    void droppedCallbackIsNeverSentWhileTheResultStaysPollable() {
        String taskId = submitWithCallback("a castle #sim:callback=drop", receiver.url());

        await().atMost(Duration.ofSeconds(5)).until(() -> simulator.stats().callbacks().lost() == 1);

        assertThat(receiver.deliveries()).isEmpty();
        assertThat(client.status("nano-banana", taskId).data().get("state").asText()).isEqualTo("success");
    }

    @Test
    void staleInjectionDeliversAProcessingPayloadAfterTheTerminalOne() {
        String taskId = submitWithCallback("a meadow #sim:callback=stale", receiver.url());

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveriesFor(taskId).size() == 2);

        assertThat(receiver.deliveriesFor(taskId)).extracting(CallbackReceiver.Delivery::state)
                .containsExactly("success", "processing");
        assertThat(simulator.stats().callbacks().staleSent()).isEqualTo(1);
    }

    @Test
    void delayedCallbackArrivesTheScaledDelayAfterCompletion() {
        // 200 s simulated = 400 ms wall clock
        String taskId = submitWithCallback("a glacier #sim:callback=delay:200s", receiver.url());

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveriesFor(taskId).size() == 1);

        CallbackReceiver.Delivery delivery = receiver.deliveriesFor(taskId).get(0);
        long completeTime = delivery.body().get("data").get("completeTime").asLong();
        assertThat(delivery.receivedAt() - completeTime).isGreaterThanOrEqualTo(400);
    }

    @Test
    void asyncTasksGetNoCallback() {
        ObjectNode body = ApiClient.body("text-to-image", "no hook #sim:duration=0s");
        body.put("callback_url", receiver.url());
        String taskId = client.submit("nano-banana", body).taskId();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> client.status("nano-banana", taskId).data().get("state").asText().equals("success"));

        assertThat(simulator.stats().callbacks().attempted()).isZero();
    }

    private String submitWithCallback(String prompt, String url) {
        ObjectNode body = ApiClient.body("text-to-image", prompt);
        body.put("request_type", "callback");
        body.put("callback_url", url);
        ApiClient.Answer answer = client.submit("nano-banana", body);
        assertThat(answer.status()).isEqualTo(200);
        return answer.taskId();
    }

    private static void assertGap(CallbackReceiver.Delivery earlier, CallbackReceiver.Delivery later, long expected) {
        assertThat(later.receivedAt() - earlier.receivedAt()).isBetween(expected, expected + SLACK_MS);
    }
}
