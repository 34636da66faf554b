package dev.genqueue.common.contract;

/** Kafka topic and header names shared by producers, consumers and tests. */
public final class Topics {

    /** Generation requests, {@link GenerationRequest} JSON; any key (the request id is recommended). */
    public static final String REQUESTS = "genqueue.requests.v1";
    /** Terminal job results, {@link ResultEvent} JSON keyed by job id. */
    public static final String RESULTS = "genqueue.results.v1";
    /** Request records that could not be accepted, unchanged, with {@link #HEADER_DLQ_REASON}. */
    public static final String REQUESTS_DLQ = "genqueue.requests.dlq.v1";
    /** Operational events: account pauses, alerts. */
    public static final String OPS = "genqueue.ops.v1";

    /** Why a record was dead-lettered (UTF-8 text). */
    public static final String HEADER_DLQ_REASON = "dead-letter-reason";
    /** Topic the dead-lettered record came from. */
    public static final String HEADER_DLQ_TOPIC = "dead-letter-topic";
    /** Partition the dead-lettered record came from. */
    public static final String HEADER_DLQ_PARTITION = "dead-letter-partition";
    /** Offset of the dead-lettered record. */
    public static final String HEADER_DLQ_OFFSET = "dead-letter-offset";
    /** {@code base64} when a dead-lettered value was not UTF-8 text and is carried base64-encoded. */
    public static final String HEADER_DLQ_PAYLOAD_ENCODING = "dead-letter-payload-encoding";
    /** Stable event id of a result or ops event, also present in the payload. */
    public static final String HEADER_EVENT_ID = "genqueue-event-id";

    private Topics() {
    }
}
