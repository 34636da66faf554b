package dev.genqueue.worker.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genqueue.common.contract.Json;
import dev.genqueue.common.job.JobStatus;
import dev.genqueue.store.callback.CallbackTokens;
import dev.genqueue.worker.job.ClaimedJob;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebhookCallbackUrlsTest {

    private final ClaimedJob job = job();

    @Test
    void eachSubmissionGetsAFreshTokenOfWhichOnlyTheHashIsKept() {
        WebhookCallbackUrls urls = new WebhookCallbackUrls(Optional.of("https://hooks.example.com/"), false);

        CallbackPlan first = urls.plan(job, 1, true);
        CallbackPlan second = urls.plan(job, 1, true);

        assertThat(first.callback()).isTrue();
        assertThat(first.url()).startsWith("https://hooks.example.com/v1/callbacks/apixo/" + job.id() + "/");
        String token = first.url().substring(first.url().lastIndexOf('/') + 1);
        assertThat(CallbackTokens.isWellFormed(token)).isTrue();
        assertThat(first.tokenHash()).isEqualTo(CallbackTokens.hash(token)).doesNotContain(token);
        assertThat(second.url()).isNotEqualTo(first.url());
        assertThat(first.toString()).doesNotContain(token);
    }

    @Test
    void theUrlNamesTheJobAndTheAttemptAndPollingJobsGetOneToo() {
        WebhookCallbackUrls urls = new WebhookCallbackUrls(Optional.of("https://hooks.example.com"), false);

        CallbackPlan polling = urls.plan(job, 3, false);

        assertThat(polling.hasUrl()).isTrue();
        assertThat(polling.callback()).isFalse();
        assertThat(polling.url()).matches("https://hooks\\.example\\.com/v1/callbacks/apixo/" + job.id()
                + "/3/[A-Za-z0-9_-]{43}");
        assertThat(new WebhookCallbackUrls(Optional.empty(), false).plan(job, 1, false))
                .isEqualTo(CallbackPlan.POLLING);
    }

    @Test
    void withoutABaseUrlCallbackJobsAreFollowedByPollingAndTheirHistorySaysWhy() {
        CallbackPlan plan = new WebhookCallbackUrls(Optional.empty(), false).plan(job, 1, true);

        assertThat(plan.callback()).isFalse();
        assertThat(plan.fallback()).contains("genqueue.callback.public-base-url", "polling");
    }

    @Test
    void aBaseUrlThatCanNeverWorkStopsTheWorkerAtStart() {
        assertThatThrownBy(() -> new WebhookCallbackUrls(Optional.of("http://hooks.example.com"), false))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> new WebhookCallbackUrls(Optional.of("hooks.example.com"), true))
                .isInstanceOf(IllegalStateException.class);
        assertThat(new WebhookCallbackUrls(Optional.of("http://127.0.0.1:8080"), true).plan(job, 1, true).callback()).isTrue();
    }

    private static ClaimedJob job() {
        Instant now = Instant.now();
        return new ClaimedJob(UUID.randomUUID(), 1, JobStatus.QUEUED, "t", "r", null, "nano-banana",
                Json.mapper().createObjectNode(), null, 0, null, 0, 0, 0, null, null, null, List.of(), now, null, null,
                now, now);
    }
}
