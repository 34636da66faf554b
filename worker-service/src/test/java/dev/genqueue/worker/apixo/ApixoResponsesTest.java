package dev.genqueue.worker.apixo;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.ProcessingException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApixoResponsesTest {

    private static final String SUCCESS = """
            {"code":200,"message":"success","data":{"taskId":"task_1","state":"success",
             "resultJson":"{\\"resultUrls\\":[\\"https://cdn.apixo.ai/output/1_0.png\\",\\"https://cdn.apixo.ai/output/1_1.png\\"]}",
             "costTime":18200,"createTime":1735689600000,"completeTime":1735689618200}}""";

    @Test
    void acceptedSubmitCarriesTheTaskId() {
        SubmitOutcome outcome = ApixoResponses.submit(200,
                "{\"code\":200,\"message\":\"success\",\"data\":{\"taskId\":\"task_abc\"}}", null);

        assertThat(outcome).isEqualTo(new SubmitOutcome.Accepted("task_abc"));
    }

    @Test
    void successfulSubmitWithoutTaskIdIsAnUnknownOutcome() {
        assertThat(ApixoResponses.submit(200, "{\"code\":200,\"data\":{}}", null))
                .isInstanceOf(SubmitOutcome.Unknown.class);
        assertThat(ApixoResponses.submit(200, "<html>proxy</html>", null)).isInstanceOf(SubmitOutcome.Unknown.class);
    }

    @Test
    void envelopeCodeSignalsAnErrorEvenUnderHttp200() {
        assertThat(ApixoResponses.submit(200, "{\"code\":429,\"message\":\"Too many requests\"}", null))
                .isInstanceOf(SubmitOutcome.RetryLater.class);
        assertThat(ApixoResponses.submit(200, "{\"code\":402,\"message\":\"Payment required\"}", null))
                .isEqualTo(new SubmitOutcome.AccountProblem(402, "Payment required"));
    }

    @Test
    void badRequestIsRejectedWithTheDetail() {
        SubmitOutcome outcome = ApixoResponses.submit(400,
                "{\"code\":400,\"message\":\"Invalid request\",\"data\":{\"error\":\"Missing required field: input.prompt\"}}",
                null);

        assertThat(outcome).isEqualTo(
                new SubmitOutcome.Rejected(400, "Invalid request: Missing required field: input.prompt"));
    }

    @ParameterizedTest
    @ValueSource(ints = {403, 404, 418})
    void otherClientErrorsAreRejected(int status) {
        assertThat(ApixoResponses.submit(status, "{\"code\":" + status + ",\"message\":\"no\"}", null))
                .isEqualTo(new SubmitOutcome.Rejected(status, "no"));
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 402})
    void keyAndBalanceProblemsAreAccountProblems(int status) {
        assertThat(ApixoResponses.submit(status, "{\"code\":" + status + ",\"message\":\"Invalid or missing API key\"}",
                null)).isEqualTo(new SubmitOutcome.AccountProblem(status, "Invalid or missing API key"));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void throttlingAndServerErrorsAreRetriedLater(int status) {
        assertThat(ApixoResponses.submit(status, "upstream unavailable", null))
                .isInstanceOf(SubmitOutcome.RetryLater.class);
    }

    @Test
    void retryAfterHeaderIsKept() {
        SubmitOutcome outcome = ApixoResponses.submit(429, "{\"code\":429,\"message\":\"slow down\"}", "7");

        assertThat(((SubmitOutcome.RetryLater) outcome).retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(((SubmitOutcome.RetryLater) ApixoResponses.submit(429, "", "soon")).retryAfter()).isNull();
    }

    @Test
    void refusedConnectionMeansNothingWasSent() {
        SubmitOutcome outcome = ApixoResponses.submitFailure(new ProcessingException(new ConnectException("refused")));

        assertThat(outcome).isInstanceOf(SubmitOutcome.RetryLater.class);
    }

    @Test
    void timeoutAfterSendingIsAnUnknownOutcome() {
        SubmitOutcome outcome = ApixoResponses.submitFailure(new ProcessingException(new TimeoutException("read")));

        assertThat(outcome).isInstanceOf(SubmitOutcome.Unknown.class);
    }

    @Test
    void pendingAndProcessingAreReported() {
        assertThat(ApixoResponses.status(200, "{\"code\":200,\"data\":{\"taskId\":\"t\",\"state\":\"pending\"}}", null))
                .isInstanceOf(StatusOutcome.Pending.class);
        assertThat(ApixoResponses.status(200, "{\"code\":200,\"data\":{\"taskId\":\"t\",\"state\":\"processing\"}}",
                null)).isInstanceOf(StatusOutcome.Processing.class);
    }

    @Test
    void successParsesTheStringEncodedResultJson() {
        StatusOutcome outcome = ApixoResponses.status(200, SUCCESS, null);

        assertThat(outcome).isEqualTo(new StatusOutcome.Succeeded(
                List.of("https://cdn.apixo.ai/output/1_0.png", "https://cdn.apixo.ai/output/1_1.png"),
                Instant.ofEpochMilli(1735689600000L), Instant.ofEpochMilli(1735689618200L), Duration.ofMillis(18200)));
    }

    @Test
    void successToleratesResultJsonAsAnObjectAndMissingTimes() {
        StatusOutcome outcome = ApixoResponses.status(200, """
                {"code":200,"data":{"state":"success","resultJson":{"resultUrls":["https://x/1.mp4"]}}}""", null);

        assertThat(outcome).isEqualTo(new StatusOutcome.Succeeded(List.of("https://x/1.mp4"), null, null, null));
    }

    @Test
    void successWithRicherResultStructureCollectsEveryUrl() {
        StatusOutcome outcome = ApixoResponses.status(200, """
                {"code":200,"data":{"state":"success","resultJson":"{\\"tracks\\":[{\\"audioUrl\\":\\"https://x/a.mp3\\",\\"imageUrl\\":\\"https://x/a.jpg\\",\\"title\\":\\"t\\"}]}"}}""",
                null);

        assertThat(((StatusOutcome.Succeeded) outcome).resultUrls()).containsExactly("https://x/a.mp3", "https://x/a.jpg");
    }

    @Test
    void successWithUnreadableResultJsonHasNoUrls() {
        StatusOutcome outcome = ApixoResponses.status(200,
                "{\"code\":200,\"data\":{\"state\":\"success\",\"resultJson\":\"{not json\"}}", null);

        assertThat(((StatusOutcome.Succeeded) outcome).resultUrls()).isEmpty();
    }

    @Test
    void failedTaskCarriesFailCodeAndMessage() {
        StatusOutcome outcome = ApixoResponses.status(200, """
                {"code":200,"message":"success","data":{"taskId":"t","state":"failed","failCode":"CONTENT_VIOLATION",
                 "failMsg":"Content violates usage policy","createTime":1,"completeTime":2}}""", null);

        assertThat(outcome).isEqualTo(new StatusOutcome.Failed("CONTENT_VIOLATION", "Content violates usage policy"));
        assertThat(ApixoResponses.status(200, "{\"data\":{\"state\":\"failed\"}}", null))
                .isEqualTo(new StatusOutcome.Failed("UNKNOWN", null));
    }

    @Test
    void unknownStateIsAskedAgainLater() {
        assertThat(ApixoResponses.status(200, "{\"code\":200,\"data\":{\"state\":\"dreaming\"}}", null))
                .isInstanceOf(StatusOutcome.RetryLater.class);
    }

    @Test
    void statusErrorsFollowTheClassificationTable() {
        assertThat(ApixoResponses.status(404, "{\"code\":404,\"message\":\"Task not found\"}", null))
                .isEqualTo(new StatusOutcome.NotFound(404, "Task not found"));
        assertThat(ApixoResponses.status(401, "{\"code\":401,\"message\":\"Invalid or missing API key\"}", null))
                .isInstanceOf(StatusOutcome.AccountProblem.class);
        assertThat(ApixoResponses.status(503, "", null)).isInstanceOf(StatusOutcome.RetryLater.class);
        assertThat(ApixoResponses.status(400, "{\"code\":400}", null)).isInstanceOf(StatusOutcome.RetryLater.class);
        assertThat(ApixoResponses.status(403, "{\"code\":403,\"message\":\"Forbidden\"}", null))
                .isEqualTo(new StatusOutcome.NotFound(403, "Forbidden"));
        assertThat(ApixoResponses.statusFailure(new TimeoutException("read")))
                .isInstanceOf(StatusOutcome.RetryLater.class);
    }

    @Test
    void longMessagesAreCut() {
        String message = "x".repeat(2000);
        SubmitOutcome outcome = ApixoResponses.submit(400, "{\"code\":400,\"message\":\"" + message + "\"}", null);

        assertThat(((SubmitOutcome.Rejected) outcome).message()).hasSize(ApixoResponses.MESSAGE_MAX + 1);
    }
}
