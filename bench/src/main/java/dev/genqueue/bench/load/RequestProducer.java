package dev.genqueue.bench.load;

import dev.genqueue.common.contract.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * An internal service putting requests straight onto {@link Topics#REQUESTS}, keyed by request id, as fast as
 * possible or at a fixed rate. Remembers when each request was handed to the producer.
 */
public final class RequestProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, Long> sentAtMillis = new ConcurrentHashMap<>();

    public RequestProducer(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "genqueue-bench");
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends all requests at once and waits for every acknowledgement; answers when sending began (epoch ms). */
    public long sendAll(List<BenchRequests.Request> requests) {
        long start = System.currentTimeMillis();
        for (BenchRequests.Request request : requests) {
            send(request);
        }
        producer.flush();
        return start;
    }

    /**
     * Sends {@code requests} at {@code perSecond}, each at its slot ({@code start + i / rate}), and waits for
     * the acknowledgements; answers when sending began (epoch ms).
     */
    public long sendPaced(List<BenchRequests.Request> requests, double perSecond) {
        long start = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        for (int i = 0; i < requests.size(); i++) {
            long slot = startNanos + (long) (i * 1e9 / perSecond);
            for (long wait; (wait = slot - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            send(requests.get(i));
        }
        producer.flush();
        return start;
    }

    /** When a request was handed to the producer (epoch ms), or 0 if it was not sent by this producer. */
    public long sentAt(String requestId) {
        return sentAtMillis.getOrDefault(requestId, 0L);
    }

    private void send(BenchRequests.Request request) {
        sentAtMillis.put(request.requestId(), System.currentTimeMillis());
        producer.send(new ProducerRecord<>(Topics.REQUESTS, request.requestId(), request.json()), (metadata, error) -> {
            if (error != null) {
                System.err.println("request " + request.requestId() + " not sent: " + error.getMessage());
            }
        });
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
