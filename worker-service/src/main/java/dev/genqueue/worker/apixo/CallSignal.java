package dev.genqueue.worker.apixo;

/** What one APIXO call says about APIXO itself, whatever it meant for the job. */
public enum CallSignal {
    /** APIXO answered (success or a 4xx about the request): it is up. */
    ANSWERED,
    /** A 429: the plan's rate or concurrency limit was hit. */
    RATE_LIMITED,
    /** A 5xx, 408/425, a timeout or a connection failure: APIXO may be down. */
    UNAVAILABLE
}
