package dev.genqueue.common.failure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class FailureClassificationTest {

    @ParameterizedTest
    @CsvSource({
            "SensitiveContent, FAIL", "SensitiveContentDetected, FAIL", "InputImageSensitiveContentDetected, FAIL",
            "InputOutputSensitiveContentDetected, FAIL", "NSFW, FAIL", "ProhibitedContentDetected, FAIL",
            "PromptLengthExceeded, FAIL", "CONTENT_VIOLATION, FAIL", "NSFW_DETECTED, FAIL", "PROMPT_TOO_LONG, FAIL",
            "INVALID_PROMPT, FAIL", "INVALID_IMAGE_URL, FAIL", "IMAGE_TOO_LARGE, FAIL", "UNSUPPORTED_FORMAT, FAIL",
            "IMAGE_DOWNLOAD_FAILED, RETRY", "PROCESSING_TIMEOUT, RETRY", "MODEL_UNAVAILABLE, RETRY",
            "GENERATION_FAILED, RETRY", "INSUFFICIENT_CREDITS, PAUSE"})
    void classifiesEveryDocumentedFailCode(String failCode, FailureAction expected) {
        FailureClass failure = FailureClassification.ofFailCode(failCode);
        assertThat(failure.action()).isEqualTo(expected);
        assertThat(failure.reasonCode()).isEqualTo(failCode);
        assertThat(failure.userMessage()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"processing_timeout", "nsfw"})
    void matchesCodesWhateverTheirCase(String failCode) {
        assertThat(FailureClassification.ofFailCode(failCode).action())
                .isEqualTo(FailureClassification.ofFailCode(failCode.toUpperCase()).action());
    }

    @Test
    void unknownCodesFailAndKeepTheCode() {
        FailureClass failure = FailureClassification.ofFailCode("QuantumFluxExceeded");
        assertThat(failure.action()).isEqualTo(FailureAction.FAIL);
        assertThat(failure.reasonCode()).isEqualTo("QuantumFluxExceeded");
        assertThat(FailureClassification.ofFailCode(null).reasonCode()).isEqualTo("UNKNOWN");
    }

    @ParameterizedTest
    @CsvSource({
            "400, SUBMIT, FAIL", "400, STATUS, RETRY", "400, DOWNLOAD, FAIL", "401, SUBMIT, PAUSE", "401, STATUS, PAUSE",
            "402, SUBMIT, PAUSE", "403, SUBMIT, FAIL", "403, DOWNLOAD, FAIL", "404, SUBMIT, FAIL",
            "404, STATUS, RETRY", "404, DOWNLOAD, FAIL", "408, SUBMIT, RETRY", "429, SUBMIT, RETRY",
            "429, STATUS, RETRY", "500, SUBMIT, RETRY", "502, STATUS, RETRY", "503, SUBMIT, RETRY",
            "504, DOWNLOAD, RETRY", "418, SUBMIT, FAIL"})
    void classifiesHttpStatusesPerCall(int status, ApixoCall call, FailureAction expected) {
        assertThat(FailureClassification.ofHttpStatus(status, call).action()).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(ApixoCall.class)
    void accountProblemsPauseOnEveryCall(ApixoCall call) {
        assertThat(FailureClassification.ofHttpStatus(401, call).isPause()).isTrue();
        assertThat(FailureClassification.ofHttpStatus(402, call).isPause()).isTrue();
    }

    @Test
    void networkErrorsAreTransient() {
        assertThat(FailureClassification.ofNetworkError().isRetry()).isTrue();
    }
}
