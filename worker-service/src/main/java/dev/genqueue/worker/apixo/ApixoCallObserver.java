package dev.genqueue.worker.apixo;

import dev.genqueue.common.failure.ApixoCall;
import java.time.Duration;

/**
 * Told about every APIXO API call once it ended (circuit breaker, quota feedback). Called on the HTTP client's
 * thread: implementations must not block.
 */
public interface ApixoCallObserver {

    /** @param retryAfter the server's {@code Retry-After}, or {@code null} */
    void observe(ApixoCall call, CallSignal signal, Duration retryAfter);
}
