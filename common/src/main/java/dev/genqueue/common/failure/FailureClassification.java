package dev.genqueue.common.failure;

import static dev.genqueue.common.failure.FailureAction.FAIL;
import static dev.genqueue.common.failure.FailureAction.PAUSE;
import static dev.genqueue.common.failure.FailureAction.RETRY;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one table that maps every APIXO HTTP status and failCode (both vocabularies, docs/apixo-api.md §7) to
 * retry, fail or pause. docs/failures.md mirrors it.
 */
public final class FailureClassification {

    /** Reason recorded when an unknown failCode arrives: unknown failures are not retried (a retry is a new paid task). */
    public static final String UNKNOWN_FAIL_CODE_MESSAGE = "The generation failed for a reason APIXO did not explain";

    private static final Map<String, FailureClass> FAIL_CODES = Map.ofEntries(
            // newest vocabulary: content policy
            fail("SensitiveContent", "The prompt violates the content policy; change the prompt"),
            fail("SensitiveContentDetected", "The content was flagged by the content policy; change the prompt"),
            fail("InputImageSensitiveContentDetected", "An input image violates the content policy; change the image"),
            fail("InputOutputSensitiveContentDetected", "The input or output was flagged; change the input"),
            fail("NSFW", "NSFW content was detected; change the prompt"),
            fail("ProhibitedContentDetected", "Prohibited content was detected; change the prompt"),
            fail("PromptLengthExceeded", "The prompt is too long for this model; shorten it"),
            // older vocabulary
            fail("CONTENT_VIOLATION", "The prompt violates the content policy; change the prompt"),
            fail("NSFW_DETECTED", "NSFW content was detected; change the prompt"),
            fail("PROMPT_TOO_LONG", "The prompt is too long for this model; shorten it"),
            fail("INVALID_PROMPT", "The prompt is empty or malformed"),
            fail("INVALID_IMAGE_URL", "An input image URL is not reachable; fix the URL"),
            fail("IMAGE_TOO_LARGE", "An input image is too large; keep images under 10 MB"),
            fail("UNSUPPORTED_FORMAT", "An input file format is not supported; use JPEG, PNG or WebP"),
            retry("IMAGE_DOWNLOAD_FAILED", "APIXO could not download an input image"),
            retry("PROCESSING_TIMEOUT", "The generation took too long at APIXO"),
            retry("MODEL_UNAVAILABLE", "The model is temporarily unavailable"),
            retry("GENERATION_FAILED", "The generation failed at APIXO"),
            Map.entry("INSUFFICIENT_CREDITS",
                    new FailureClass(PAUSE, "INSUFFICIENT_CREDITS", "The APIXO account has no credits left")));

    private static final Map<String, FailureClass> BY_UPPER_CASE = upperCaseIndex();

    private FailureClassification() {
    }

    /** Classifies the failCode of a failed task; unknown codes fail the job with the code kept. */
    public static FailureClass ofFailCode(String failCode) {
        if (failCode == null || failCode.isBlank()) {
            return new FailureClass(FAIL, "UNKNOWN", UNKNOWN_FAIL_CODE_MESSAGE);
        }
        FailureClass known = FAIL_CODES.get(failCode);
        if (known == null) {
            known = BY_UPPER_CASE.get(failCode.toUpperCase(Locale.ROOT));
        }
        return known != null ? known : new FailureClass(FAIL, failCode, UNKNOWN_FAIL_CODE_MESSAGE);
    }

    /** Classifies an HTTP error status (or envelope code) of one APIXO call. */
    public static FailureClass ofHttpStatus(int status, ApixoCall call) {
        return switch (status) {
            // a 400 on a status or balance query is not the job's fault; the max wait bounds the retries
            case 400 -> new FailureClass(call == ApixoCall.SUBMIT || call == ApixoCall.DOWNLOAD ? FAIL : RETRY,
                    "INVALID_REQUEST", "APIXO refused the request as invalid");
            case 401 -> new FailureClass(PAUSE, "API_KEY_REJECTED", "The APIXO API key was rejected");
            case 402 -> new FailureClass(PAUSE, "INSUFFICIENT_BALANCE", "The APIXO balance cannot cover the task");
            case 403 -> call == ApixoCall.DOWNLOAD
                    ? new FailureClass(FAIL, "OUTPUT_EXPIRED", "The result URL expired before it was downloaded")
                    : new FailureClass(FAIL, "FORBIDDEN", "APIXO refused the request (content policy or permissions)");
            case 404 -> switch (call) {
                case SUBMIT -> new FailureClass(FAIL, "MODEL_NOT_FOUND", "APIXO does not know this model");
                // a task just created may not be visible yet; the job's max wait bounds the retries
                case STATUS -> new FailureClass(RETRY, "TASK_NOT_FOUND", "APIXO does not know the task yet");
                case DOWNLOAD -> new FailureClass(FAIL, "OUTPUT_EXPIRED", "The result URL expired before it was downloaded");
                case BALANCE -> new FailureClass(RETRY, "BALANCE_UNAVAILABLE", "The balance endpoint did not answer");
            };
            case 408, 425, 429 -> new FailureClass(RETRY, status == 429 ? "RATE_LIMITED" : "TIMEOUT",
                    status == 429 ? "APIXO's rate limit was reached" : "APIXO timed out");
            default -> status >= 500
                    ? new FailureClass(RETRY, "APIXO_UNAVAILABLE", "APIXO is temporarily unavailable")
                    : new FailureClass(FAIL, "HTTP_" + status, "APIXO refused the request");
        };
    }

    /** A network error or timeout: the request may not have reached APIXO, or its answer was lost. */
    public static FailureClass ofNetworkError() {
        return new FailureClass(RETRY, "NETWORK_ERROR", "APIXO could not be reached");
    }

    private static Map.Entry<String, FailureClass> fail(String code, String message) {
        return Map.entry(code, new FailureClass(FAIL, code, message));
    }

    private static Map.Entry<String, FailureClass> retry(String code, String message) {
        return Map.entry(code, new FailureClass(RETRY, code, message));
    }

    private static Map<String, FailureClass> upperCaseIndex() {
        Map<String, FailureClass> index = new HashMap<>();
        FAIL_CODES.forEach((code, failure) -> index.put(code.toUpperCase(Locale.ROOT), failure));
        return Map.copyOf(index);
    }
}
