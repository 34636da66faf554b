package dev.genqueue.apixo.simulator.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code #sim:} prompt directive syntax. */
class DirectivesTest {

    @Test
    void promptWithoutDirectivesHasNone() {
        assertThat(Directives.parse("a plain prompt with #hashtags")).isEqualTo(Directives.NONE);
        assertThat(Directives.parse(null)).isEqualTo(Directives.NONE);
    }

    @Test
    void taskDirectivesBecomeTaskEffects() {
        Directives directives = Directives.parse(
                "cat #sim:fail=NSFW #sim:duration=90s #sim:never-finish #sim:callback=dup:3 #sim:callback=delay:5s");

        assertThat(directives.taskEffects()).containsExactly(
                new FaultEffect.FailTask("NSFW", null),
                new FaultEffect.FixedDuration(Duration.ofSeconds(90)),
                new FaultEffect.NeverFinish(),
                new FaultEffect.Callback(CallbackFault.duplicate(3)),
                new FaultEffect.Callback(CallbackFault.delay(Duration.ofSeconds(5))));
        assertThat(directives.submitEffects()).isEmpty();
    }

    @Test
    void submitAndStatusDirectivesBecomeResponseEffects() {
        Directives directives = Directives.parse(
                "#sim:HTTP=503 #sim:delay=250ms #sim:drop=after #sim:status-http=500:3 #sim:status-delay=2s #sim:status-drop");

        assertThat(directives.submitEffects()).containsExactly(new FaultEffect.HttpError(503),
                new FaultEffect.SlowResponse(Duration.ofMillis(250)), new FaultEffect.DropConnection(true));
        assertThat(directives.statusFaults()).containsExactly(
                new Directives.StatusFault(new FaultEffect.HttpError(500), 3),
                new Directives.StatusFault(new FaultEffect.SlowResponse(Duration.ofSeconds(2)), 1),
                new Directives.StatusFault(new FaultEffect.DropConnection(false), 1));
    }

    @Test
    void failCodesKeepTheirCase() {
        assertThat(Directives.parse("#sim:fail=SensitiveContentDetected").taskEffects())
                .containsExactly(new FaultEffect.FailTask("SensitiveContentDetected", null));
    }

    @Test
    void malformedDirectivesAreRejectedByName() {
        assertThatThrownBy(() -> Directives.parse("#sim:teleport")).hasMessageContaining("#sim:teleport");
        assertThatThrownBy(() -> Directives.parse("#sim:http=200")).hasMessageContaining("400..599");
        assertThatThrownBy(() -> Directives.parse("#sim:callback=maybe")).hasMessageContaining("callback must be");
        assertThatThrownBy(() -> Directives.parse("#sim:fail")).hasMessageContaining("needs a value");
    }

    @Test
    void failCodeFamiliesDecideWhenTheTaskFails() {
        assertThat(FailCodes.lookup("NSFW").family().failsBeforeProcessing()).isTrue();
        assertThat(FailCodes.lookup("INVALID_IMAGE_URL").family()).isEqualTo(FailCodes.Family.INPUT);
        assertThat(FailCodes.lookup("INSUFFICIENT_CREDITS").family()).isEqualTo(FailCodes.Family.CREDITS);
        assertThat(FailCodes.lookup("PROCESSING_TIMEOUT").family().failsBeforeProcessing()).isFalse();
        assertThat(FailCodes.lookup("BrandNewCode").family()).isEqualTo(FailCodes.Family.UNKNOWN);
    }
}
