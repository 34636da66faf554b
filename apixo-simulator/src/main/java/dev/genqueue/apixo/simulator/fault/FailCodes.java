package dev.genqueue.apixo.simulator.fault;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The failCode vocabularies of docs/apixo-api.md §7.2 (newest and older), each with its message and family. The
 * family decides when a forced failure happens: content, input and credit failures end the task straight
 * from {@code pending}; processing and unknown codes fail at the end of processing.
 */
public final class FailCodes {

    /** When and why a failCode happens. */
    public enum Family {
        CONTENT,
        INPUT,
        PROCESSING,
        CREDITS,
        UNKNOWN;

        /** Whether a task with this failure never reaches {@code processing}. */
        public boolean failsBeforeProcessing() {
            return this == CONTENT || this == INPUT || this == CREDITS;
        }
    }

    /** A failCode, its message and family. */
    public record FailCode(String code, String message, Family family) {
    }

    /** The codes a random processing failure ({@code failureRate}) draws from. */
    public static final List<String> TRANSIENT = List.of("GENERATION_FAILED", "PROCESSING_TIMEOUT", "MODEL_UNAVAILABLE");

    private static final Map<String, FailCode> CODES = new LinkedHashMap<>();

    static {
        content("SensitiveContent", "Content violates usage policy");
        content("SensitiveContentDetected", "Sensitive content detected");
        content("InputImageSensitiveContentDetected", "Input image contains sensitive content");
        content("InputOutputSensitiveContentDetected", "Input or output flagged as sensitive");
        content("NSFW", "NSFW content detected");
        content("ProhibitedContentDetected", "Prohibited content detected");
        content("CONTENT_VIOLATION", "Content violates usage policy");
        content("NSFW_DETECTED", "NSFW content detected");
        input("PromptLengthExceeded", "Prompt length exceeded");
        input("PROMPT_TOO_LONG", "Prompt exceeds maximum length");
        input("INVALID_PROMPT", "Prompt is empty or malformed");
        input("INVALID_IMAGE_URL", "Input image URL is not accessible");
        input("IMAGE_TOO_LARGE", "Input image exceeds size limit (10 MB)");
        input("UNSUPPORTED_FORMAT", "Input format not supported (use JPEG, PNG, WebP)");
        input("IMAGE_DOWNLOAD_FAILED", "Failed to download reference image");
        processing("PROCESSING_TIMEOUT", "Generation took too long");
        processing("MODEL_UNAVAILABLE", "Model temporarily unavailable");
        processing("GENERATION_FAILED", "Generation failed");
        CODES.put("INSUFFICIENT_CREDITS", new FailCode("INSUFFICIENT_CREDITS", "Insufficient credits", Family.CREDITS));
    }

    private FailCodes() {
    }

    /** The known code, or an UNKNOWN-family entry for any other string (clients must accept any code). */
    public static FailCode lookup(String code) {
        FailCode known = CODES.get(code);
        return known != null ? known : new FailCode(code, "Task failed: " + code, Family.UNKNOWN);
    }

    /** Every documented code. */
    public static List<FailCode> all() {
        return List.copyOf(CODES.values());
    }

    private static void content(String code, String message) {
        CODES.put(code, new FailCode(code, message, Family.CONTENT));
    }

    private static void input(String code, String message) {
        CODES.put(code, new FailCode(code, message, Family.INPUT));
    }

    private static void processing(String code, String message) {
        CODES.put(code, new FailCode(code, message, Family.PROCESSING));
    }
}
