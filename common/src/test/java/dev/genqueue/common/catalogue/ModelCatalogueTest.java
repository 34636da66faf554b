package dev.genqueue.common.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ModelCatalogueTest {

    @Test
    void knowsEveryModelOfTheApixoCatalogue() {
        assertThat(ModelCatalogue.all()).extracting(ModelSpec::id).contains(
                "nano-banana", "nano-banana-2", "flux-2", "midjourney", "gpt-image-1", "gpt-image-2", "grok-image",
                "seedream-4-5", "seedream-5-0", "sora-2", "sora-2-pro", "veo-3-1", "veo-3-1-extend", "kling-2-1",
                "kling-2-5-turbo-pro", "kling-2-6", "kling-3-0-std", "wan-2-5", "wan-2-5-video", "seedance-2-0",
                "seedance-2-0-fast", "suno");
    }

    @Test
    void profilesFollowTheModelType() {
        assertThat(ModelCatalogue.find("nano-banana").orElseThrow().profile()).isEqualTo(PollProfile.IMAGE_FAST);
        assertThat(ModelCatalogue.find("midjourney").orElseThrow().profile()).isEqualTo(PollProfile.IMAGE_QUALITY);
        assertThat(ModelCatalogue.find("sora-2").orElseThrow().profile()).isEqualTo(PollProfile.VIDEO);
        assertThat(ModelCatalogue.find("suno").orElseThrow().profile()).isEqualTo(PollProfile.AUDIO);
        for (ModelSpec spec : ModelCatalogue.all()) {
            assertThat(spec.profile().name()).startsWith(spec.category().name());
        }
    }

    @Test
    void unknownAndDifferentlyCasedIdsAreNotFound() {
        assertThat(ModelCatalogue.find("dall-e-3")).isEmpty();
        assertThat(ModelCatalogue.find("Nano-Banana")).isEmpty();
        assertThat(ModelCatalogue.find(null)).isEmpty();
    }

    @Test
    void promptLimitNeverExceedsTheGlobalLimit() {
        assertThat(ModelCatalogue.find("nano-banana-2").orElseThrow().promptMaxLength()).isEqualTo(5000);
        assertThat(ModelCatalogue.find("wan-2-5").orElseThrow().promptMaxLength()).isEqualTo(800);
    }

    @Test
    void pollScheduleMatchesTheRecommendedTable() {
        assertThat(PollProfile.IMAGE_FAST.initialWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(PollProfile.IMAGE_FAST.pollInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(PollProfile.IMAGE_FAST.maxWait()).isEqualTo(Duration.ofMinutes(2));
        assertThat(PollProfile.VIDEO.initialWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(PollProfile.AUDIO.maxWait()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void pollIntervalGrowsByHalfAndIsCappedAtThirtySeconds() {
        assertThat(PollProfile.IMAGE_FAST.intervalAfter(1)).isEqualTo(Duration.ofMillis(3000));
        assertThat(PollProfile.IMAGE_FAST.intervalAfter(2)).isEqualTo(Duration.ofMillis(4500));
        assertThat(PollProfile.IMAGE_FAST.intervalAfter(3)).isEqualTo(Duration.ofMillis(6750));
        assertThat(PollProfile.VIDEO.intervalAfter(2)).isEqualTo(Duration.ofMillis(22500));
        assertThat(PollProfile.VIDEO.intervalAfter(3)).isEqualTo(Duration.ofSeconds(30));
        assertThat(PollProfile.IMAGE_FAST.intervalAfter(50)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void expectedCompletionLiesBetweenTheFirstPollAndTheMaxWait() {
        for (PollProfile profile : PollProfile.values()) {
            assertThat(profile.expectedCompletion()).isGreaterThan(profile.initialWait())
                    .isLessThan(profile.maxWait());
        }
    }
}
