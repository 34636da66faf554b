package dev.genqueue.worker.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genqueue.worker.apixo.StatusOutcome;
import org.junit.jupiter.api.Test;

class CallbackPayloadsTest {

    private static final String SUCCESS = """
            {"code":200,"message":"success","data":{"taskId":"task_1","state":"success",
             "resultJson":"{\\"resultUrls\\":[\\"https://cdn.example.com/a.png\\"]}"}}""";

    @Test
    void aTerminalCallbackOfTheJobsOwnTaskIsReadAsAStatusAnswer() {
        assertThat(CallbackPayloads.terminalOutcome(SUCCESS, "task_1")).get()
                .isInstanceOfSatisfying(StatusOutcome.Succeeded.class, success ->
                        assertThat(success.resultUrls()).containsExactly("https://cdn.example.com/a.png"));
    }

    @Test
    void anotherTasksCallbackANonTerminalOneOrGarbageTellsNothing() {
        assertThat(CallbackPayloads.terminalOutcome(SUCCESS, "task_2")).isEmpty();
        assertThat(CallbackPayloads.terminalOutcome(
                "{\"code\":200,\"data\":{\"taskId\":\"task_1\",\"state\":\"processing\"}}", "task_1")).isEmpty();
        assertThat(CallbackPayloads.terminalOutcome("not json", "task_1")).isEmpty();
        assertThat(CallbackPayloads.terminalOutcome(null, "task_1")).isEmpty();
    }
}
