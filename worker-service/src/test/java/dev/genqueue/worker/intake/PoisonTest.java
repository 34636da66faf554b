package dev.genqueue.worker.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.apixo.simulator.fault.Endpoint;
import dev.genqueue.apixo.simulator.fault.FaultEffect;
import dev.genqueue.apixo.simulator.fault.FaultRule;
import dev.genqueue.common.contract.Json;
import dev.genqueue.common.contract.Topics;
import dev.genqueue.common.job.JobStatus;
import dev.genqueue.store.deadletter.DeadLetterRedrive;
import dev.genqueue.store.deadletter.RedriveOutcome;
import dev.genqueue.store.deadletter.RedriveResult;
import dev.genqueue.testing.KafkaBrokerResource;
import dev.genqueue.testing.PostgresResource;
import dev.genqueue.testing.SimulatorResource;
import dev.genqueue.worker.support.CallbackReceiverResource;
import dev.genqueue.worker.support.JobStoreQueries;
import dev.genqueue.worker.support.Jobs;
import dev.genqueue.worker.support.KafkaTopics;
import dev.genqueue.worker.support.Requests;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A thousand poison records between a thousand valid ones: every bad record becomes a dead letter with its
 * reason, every valid one a finished job, the consumer group catches up without a restart, and fixed records
 * (and a job that exhausted its retries) are redriven into jobs that succeed.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "genqueue_worker_test"))
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(CallbackReceiverResource.class)
class PoisonTest {

    private static final Duration WITHIN = Duration.ofSeconds(180);
    private static final int EACH = 1000;
    private static final String GROUP = "genqueue-worker";

    @Inject
    JobStoreQueries store;

    @Inject
    DeadLetterRedrive redrive;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String tenant = "poison-" + run;

    @BeforeAll
    static void watchTopics() {
        KafkaTopics.startWatching();
    }

    @AfterEach
    void clearFaults() {
        SimulatorResource.simulator().control().clearFaults();
    }

    @Test
    void aThousandPoisonRecordsAmongAThousandValidOnesAreDeadLetteredWhileEveryValidOneSucceeds() throws Exception {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < EACH; i++) {
            String valid = Requests.json("valid-" + i, tenant, "nano-banana", "a valid picture " + i + " " + run);
            records.add(new ProducerRecord<>(Topics.REQUESTS, run + "-valid-" + i, bytes(valid)));
            records.add(new ProducerRecord<>(Topics.REQUESTS, run + "-bad-" + i, poison(i)));
        }

        KafkaTopics.sendRaw(records);

        await().atMost(WITHIN).until(() -> count("SELECT count(*) FROM dead_letter WHERE record_key LIKE ?",
                run + "-bad-%") == EACH);
        assertThat(count("SELECT count(*) FROM dead_letter WHERE record_key LIKE ? AND length(reason) > 0",
                run + "-bad-%")).isEqualTo(EACH);
        await().atMost(WITHIN).until(() -> count(
                "SELECT count(*) FROM job WHERE tenant_id = ? AND status = 'SUCCEEDED'", tenant) == EACH);
        assertThat(count("SELECT count(*) FROM job WHERE tenant_id = ?", tenant)).isEqualTo(EACH);
        await().atMost(WITHIN).until(() -> KafkaTopics.deadLettersFor(run + "-bad-999").size() == 1);
        await().atMost(WITHIN).until(() -> KafkaBrokerResource.consumerLag(GROUP, Topics.REQUESTS) == 0);

        // the records that only lacked a tenant are fixed and redriven
        List<RedriveResult> redriven = new ArrayList<>();
        for (int i = 2; i < 100; i += 10) {
            UUID letter = store.value("SELECT id FROM dead_letter WHERE record_key = ?", UUID.class, run + "-bad-" + i);
            ObjectNode fixed = (ObjectNode) Json.mapper().readTree(Requests.json("fixed-" + i, tenant, "nano-banana",
                    "a fixed picture " + i + " " + run));
            redriven.add(redrive.redriveOne(letter, fixed));
        }
        assertThat(redriven).hasSize(10).allSatisfy(result -> assertThat(result.outcome())
                .isEqualTo(RedriveOutcome.CREATED));
        for (RedriveResult result : redriven) {
            await().atMost(WITHIN).until(() -> store.job(result.jobId()).status() == JobStatus.SUCCEEDED);
        }
    }

    @Test
    void aJobThatExhaustedItsRetriesIsRedrivenIntoANewJob() {
        SimulatorResource.simulator().control().addFault(FaultRule.on(Endpoint.SUBMIT).forModel("grok-image").times(3)
                .then(new FaultEffect.FailTask("MODEL_UNAVAILABLE", null)));
        UUID exhausted = Jobs.send(store, tenant, "exhausted", "grok-image", "an unlucky picture " + run, null);
        await().atMost(WITHIN).until(() -> store.job(exhausted).status() == JobStatus.FAILED);
        UUID letter = store.value("SELECT id FROM dead_letter WHERE job_id = ? AND kind = 'job'", UUID.class,
                exhausted);

        RedriveResult result = redrive.redriveOne(letter, null);

        assertThat(result.outcome()).isEqualTo(RedriveOutcome.CREATED);
        assertThat(result.jobId()).isNotEqualTo(exhausted);
        await().atMost(WITHIN).until(() -> store.job(result.jobId()).status() == JobStatus.SUCCEEDED);
        assertThat(store.job(exhausted).status()).isEqualTo(JobStatus.FAILED);
    }

    // ten kinds of poison in turn; kind 2 only lacks its tenant, so an operator can fix it
    private byte[] poison(int i) {
        String requestId = "bad-" + i;
        return switch (i % 10) {
            case 0 -> bytes("{\"requestId\": \"" + requestId + "\", \"model\": ");
            case 1 -> bytes("[1, 2, 3]");
            case 2 -> bytes("{\"requestId\":\"" + requestId
                    + "\",\"model\":\"nano-banana\",\"input\":{\"prompt\":\"x\"}}");
            case 3 -> bytes(Requests.json(requestId, tenant, "no-such-model", "x"));
            case 4 -> bytes(Requests.json(requestId, tenant, "nano-banana", "   "));
            case 5 -> new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xA0, (byte) 0xA1};
            case 6 -> bytes(Requests.json(requestId, tenant, "nano-banana", "x".repeat(5001)));
            case 7 -> bytes("{\"requestId\":\"" + requestId + "\",\"tenantId\":\"" + tenant
                    + "\",\"model\":\"nano-banana\",\"input\":\"a string\"}");
            case 8 -> bytes(Requests.json(requestId, tenant, "nano-banana", "a \u0000 in the prompt"));
            default -> null;
        };
    }

    private long count(String sql, Object... params) {
        return store.value(sql, Long.class, params);
    }


    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
