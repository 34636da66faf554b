package dev.genqueue.apixo.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.genqueue.apixo.simulator.fault.Endpoint;
import dev.genqueue.apixo.simulator.fault.FaultEffect;
import dev.genqueue.apixo.simulator.fault.FaultRule;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every HTTP error of docs/apixo-api.md §7.1, natural or injected, with the envelope's code equal to the HTTP
 * status (§13.1).
 */
class HttpErrorContractTest {

    private static final String IMAGE = "{\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"%s\"}}";

    private ApixoSimulator simulator;
    private ApiClient client;

    @BeforeEach
    void start() {
        simulator = ApixoSimulator.start(SimulatorConfig.builder()
                .timeFactor(0.001)
                .seed(3L)
                .apiKey("owner-key", Plan.UNLIMITED, new BigDecimal("100"))
                .apiKey("other-key", Plan.UNLIMITED, new BigDecimal("100"))
                .apiKey("poor-key", Plan.UNLIMITED, new BigDecimal("0.01"))
                .build());
        client = new ApiClient(simulator.baseUrl(), "owner-key");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void missingOrUnknownKeyIs401WithoutData() {
        for (ApiClient anonymous : new ApiClient[] {client.withKey(null), client.withKey("not-a-key")}) {
            ApiClient.Answer answer = anonymous.balance();
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.code()).isEqualTo(401);
            assertThat(answer.json().get("message").asText()).isEqualTo("Invalid or missing API key");
            assertThat(answer.json().has("data")).isFalse();
        }
        assertThat(client.withKey("not-a-key").submit("nano-banana", IMAGE.formatted("x")).status()).isEqualTo(401);
    }

    @Test
    void balanceBelowThePriceIs402() {
        ApiClient.Answer answer = client.withKey("poor-key").submit("nano-banana", IMAGE.formatted("a fox"));

        assertThat(answer.status()).isEqualTo(402);
        assertThat(answer.code()).isEqualTo(402);
        assertThat(simulator.stats().tasksByState().values()).containsOnly(0L);
    }

    @Test
    void unknownModelIs404OnSubmitAndStatus() {
        assertThat(client.submit("dall-e-9", IMAGE.formatted("x")).status()).isEqualTo(404);
        assertThat(client.submit("Nano-Banana", IMAGE.formatted("x")).status()).isEqualTo(404);
        ApiClient.Answer status = client.status("dall-e-9", "task_000000000000000000000000");
        assertThat(status.status()).isEqualTo(404);
        assertThat(status.json().get("message").asText()).isEqualTo("Model not found");
    }

    @Test
    void unknownForeignOrWrongModelTaskIs404() {
        String taskId = client.submit("nano-banana", IMAGE.formatted("a heron")).taskId();

        assertThat(client.status("nano-banana", "task_ffffffffffffffffffffffff").status()).isEqualTo(404);
        ApiClient.Answer foreign = client.withKey("other-key").status("nano-banana", taskId);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().get("message").asText()).isEqualTo("Task not found");
        assertThat(client.status("flux-2", taskId).status()).isEqualTo(404);
        assertThat(client.status("nano-banana", taskId).status()).isEqualTo(200);
    }

    @Test
    void injectedErrorsAnswerWithTheirStatusAndCreateNoTask() {
        for (int status : new int[] {400, 401, 402, 403, 404, 429, 500, 503}) {
            ApiClient.Answer answer = client.submit("nano-banana", IMAGE.formatted("x #sim:http=" + status));
            assertThat(answer.status()).isEqualTo(status);
            assertThat(answer.code()).isEqualTo(status);
        }
        assertThat(simulator.stats().submitsByFingerprint()).isEmpty();
    }

    @Test
    void faultRuleAnswers500ForTheNextTwoStatusCallsOfOneTask() {
        String taskId = client.submit("nano-banana", IMAGE.formatted("a wren")).taskId();
        simulator.control().addFault(FaultRule.on(Endpoint.STATUS).forTask(taskId).times(2).respond(500));

        assertThat(client.status("nano-banana", taskId).status()).isEqualTo(500);
        assertThat(client.status("nano-banana", taskId).status()).isEqualTo(500);
        assertThat(client.status("nano-banana", taskId).status()).isEqualTo(200);
        assertThat(simulator.stats().responses(500)).isEqualTo(2);
        assertThat(simulator.stats().tasks().get(taskId).statusCalls()).isEqualTo(3);
    }

    @Test
    void statusDirectiveAnswers503ForTheTasksNextStatusCalls() {
        String taskId = client.submit("nano-banana", IMAGE.formatted("a kite #sim:status-http=503:2")).taskId();

        assertThat(client.status("nano-banana", taskId).status()).isEqualTo(503);
        assertThat(client.status("nano-banana", taskId).code()).isEqualTo(503);
        assertThat(client.status("nano-banana", taskId).status()).isEqualTo(200);
    }

    @Test
    void faultRuleCanTargetOneKeyAndModelOnSubmit() {
        simulator.control().addFault(FaultRule.on(Endpoint.SUBMIT).forKey("other-key").forModel("flux-2").respond(403));
        String flux = "{\"input\":{\"mode\":\"pro-text-to-image\",\"prompt\":\"a moth\"}}";

        assertThat(client.withKey("other-key").submit("flux-2", flux).status()).isEqualTo(403);
        assertThat(client.submit("flux-2", flux).status()).isEqualTo(200);
        assertThat(client.withKey("other-key").submit("nano-banana", IMAGE.formatted("x")).status()).isEqualTo(200);
    }

    @Test
    void outageWindowAnswers503EverywhereUntilItEnds() {
        simulator.control().outage(Duration.ofMillis(1500));

        assertThat(client.balance().status()).isEqualTo(503);
        assertThat(client.submit("nano-banana", IMAGE.formatted("x")).status()).isEqualTo(503);
        assertThat(client.status("nano-banana", "task_1").code()).isEqualTo(503);
        await().atMost(Duration.ofSeconds(5)).until(() -> client.balance().status() == 200);
        assertThat(simulator.stats().responses(503)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void droppedConnectionGivesTheClientNoAnswer() {
        String taskId = client.submit("nano-banana", IMAGE.formatted("x")).taskId();
        simulator.control().addFault(FaultRule.on(Endpoint.STATUS).times(1).then(new FaultEffect.DropConnection(false)));

        assertThatThrownBy(() -> client.rawStatus("nano-banana", taskId, Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class);
        assertThat(client.status("nano-banana", taskId).status()).isEqualTo(200);
        assertThat(simulator.stats().droppedConnections()).isEqualTo(1);
    }

    @Test
    void dropAfterProcessingCreatesAndChargesTheTaskWithoutAnswering() {
        assertThatThrownBy(() -> client.rawSubmit("nano-banana", IMAGE.formatted("lost answer #sim:drop=after"),
                Duration.ofSeconds(5))).isInstanceOf(IOException.class);

        assertThat(simulator.stats().submitsByFingerprint()).hasSize(1);
        assertThat(simulator.stats().keys().get("owner-key").charged()).isEqualByComparingTo("0.03");
    }

    @Test
    void slowSubmitOutlastsTheClientTimeoutYetCreatesTheTask() throws Exception {
        assertThatThrownBy(() -> client.rawSubmit("nano-banana", IMAGE.formatted("slow #sim:delay=1500ms"),
                Duration.ofMillis(300))).isInstanceOf(HttpTimeoutException.class);
        assertThat(simulator.stats().submitsByFingerprint()).hasSize(1);

        simulator.control().addFault(FaultRule.on(Endpoint.BALANCE).times(1)
                .then(new FaultEffect.SlowResponse(Duration.ofMillis(300))));
        long started = System.nanoTime();
        assertThat(client.balance().status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void unknownPathIs404WrongMethodIs405AndControlApiIsOffByDefault() {
        HttpResponse<byte[]> unknown = client.plain("GET", "/api/v1/cancelTask/nano-banana", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new String(unknown.body())).contains("\"code\":404");
        assertThat(client.plain("GET", "/_sim/stats", null).statusCode()).isEqualTo(404);
        HttpResponse<byte[]> wrongMethod = client.plain("DELETE", "/api/v1/apikeys/current-balance", null);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(new String(wrongMethod.body())).contains("\"code\":405");
    }
}
