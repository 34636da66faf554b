package dev.genqueue.common.failure;

/**
 * How one failure is handled.
 *
 * @param action      retry, fail or pause
 * @param reasonCode  stable machine-readable code recorded on the job (the APIXO failCode when there is one)
 * @param userMessage what to tell the requester, never containing secrets or internals
 */
public record FailureClass(FailureAction action, String reasonCode, String userMessage) {

    public boolean isRetry() {
        return action == FailureAction.RETRY;
    }

    public boolean isPause() {
        return action == FailureAction.PAUSE;
    }
}
