package dev.genqueue.worker.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genqueue.common.contract.Json;
import dev.genqueue.common.job.JobStatus;
import dev.genqueue.worker.job.ClaimedJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClassifiedFailurePolicyTest {

    private final ClassifiedFailurePolicy policy = new ClassifiedFailurePolicy(
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.5), 3);

    @Test
    void contentAndInputViolationsAndUnknownCodesFailAtOnce() {
        for (String code : List.of("NSFW", "SensitiveContentDetected", "PROMPT_TOO_LONG", "INVALID_IMAGE_URL",
                "nsfw_detected", "SOMETHING_NEW")) {
            assertThat(policy.onTaskFailed(job(0), code, "because")).as(code)
                    .isEqualTo(new FailureDecision.Fail(code, "because"));
        }
        assertThat(policy.onTaskFailed(job(0), "SOMETHING_NEW", null)).isInstanceOf(FailureDecision.Fail.class)
                .extracting(decision -> ((FailureDecision.Fail) decision).message()).asString().isNotBlank();
    }

    @Test
    void transientCodesResubmitWithGrowingBackoffUntilTheBudgetIsSpent() {
        for (String code : List.of("PROCESSING_TIMEOUT", "GENERATION_FAILED", "MODEL_UNAVAILABLE",
                "IMAGE_DOWNLOAD_FAILED")) {
            assertThat(policy.onTaskFailed(job(0), code, null)).as(code)
                    .isEqualTo(new FailureDecision.Resubmit(1, 2, Duration.ofSeconds(1)));
            assertThat(policy.onTaskFailed(job(1), code, null))
                    .isEqualTo(new FailureDecision.Resubmit(2, 2, Duration.ofSeconds(2)));
            assertThat(policy.onTaskFailed(job(2), code, "again")).isEqualTo(new FailureDecision.Exhausted(code,
                    "again", 2));
        }
    }

    @Test
    void creditExhaustionPausesTheAccount() {
        assertThat(policy.onTaskFailed(job(2), "INSUFFICIENT_CREDITS", "no credits"))
                .isEqualTo(new FailureDecision.PauseAccount("INSUFFICIENT_CREDITS: no credits"));
    }

    private static ClaimedJob job(int retries) {
        Instant now = Instant.now();
        return new ClaimedJob(UUID.randomUUID(), 1, JobStatus.PROCESSING, "t", "r", null, "nano-banana",
                Json.mapper().createObjectNode(), null, 1, "task", 1, 0, retries, null, null, null, List.of(), now, now,
                now, now, now);
    }
}
