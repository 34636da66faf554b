package dev.genqueue.worker.apixo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.common.contract.Json;
import dev.genqueue.testing.KafkaBrokerResource;
import dev.genqueue.testing.PostgresResource;
import dev.genqueue.testing.SimulatorResource;
import dev.genqueue.worker.support.CallbackReceiverResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The client against the simulator over real HTTP: answers become values, never exceptions. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "genqueue_worker_test"))
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(CallbackReceiverResource.class)
class ApixoClientTest {

    @Inject
    ApixoClient client;

    @Test
    void submittedTaskIsFollowedToSuccessWithResultUrls() {
        SubmitOutcome submitted = submit("nano-banana", "a harbour at night");

        assertThat(submitted).isInstanceOf(SubmitOutcome.Accepted.class);
        String taskId = ((SubmitOutcome.Accepted) submitted).taskId();
        StatusOutcome finished = await().atMost(Duration.ofSeconds(10))
                .until(() -> status("nano-banana", taskId), outcome -> outcome instanceof StatusOutcome.Succeeded);
        StatusOutcome.Succeeded success = (StatusOutcome.Succeeded) finished;
        assertThat(success.resultUrls()).hasSize(1).allSatisfy(url -> assertThat(url)
                .startsWith(SimulatorResource.simulator().baseUrl() + "/files/" + taskId));
        assertThat(success.completeTime()).isAfterOrEqualTo(success.createTime());
    }

    @Test
    void errorAnswersBecomeValues() {
        assertThat(submit("nano-banana", "x #sim:http=402")).isEqualTo(new SubmitOutcome.AccountProblem(402,
                "Insufficient balance"));
        assertThat(submit("nano-banana", "x #sim:http=429")).isInstanceOf(SubmitOutcome.RetryLater.class);
        assertThat(submit("nano-banana", "x #sim:http=503")).isInstanceOf(SubmitOutcome.RetryLater.class);
        assertThat(submit("no-such-model", "x")).isInstanceOf(SubmitOutcome.Rejected.class)
                .extracting(outcome -> ((SubmitOutcome.Rejected) outcome).httpStatus()).isEqualTo(404);
        assertThat(status("nano-banana", "task_does_not_exist")).isInstanceOf(StatusOutcome.NotFound.class);
    }

    @Test
    void droppedConnectionAfterTheTaskWasCreatedIsAnUnknownOutcome() {
        String prompt = "a receipt that never arrives " + UUID.randomUUID() + " #sim:drop=after";
        long tasksBefore = SimulatorResource.simulator().stats(false).submitsByFingerprint().values().stream()
                .mapToLong(Long::longValue).sum();

        assertThat(submit("nano-banana", prompt)).isInstanceOf(SubmitOutcome.Unknown.class);
        long tasksAfter = SimulatorResource.simulator().stats(false).submitsByFingerprint().values().stream()
                .mapToLong(Long::longValue).sum();
        assertThat(tasksAfter).isEqualTo(tasksBefore + 1);
    }

    private SubmitOutcome submit(String model, String prompt) {
        ObjectNode input = Json.mapper().createObjectNode().put("mode", "text-to-image").put("prompt", prompt);
        try {
            return client.submit(SubmitRequest.polling(UUID.randomUUID(), model, input)).toCompletableFuture()
                    .get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the client must answer with a value", e);
        }
    }

    private StatusOutcome status(String model, String taskId) {
        try {
            return client.status(model, taskId, UUID.randomUUID()).toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the client must answer with a value", e);
        }
    }
}
