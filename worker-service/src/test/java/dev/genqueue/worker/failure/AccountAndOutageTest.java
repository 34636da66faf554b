package dev.genqueue.worker.failure;

import static dev.genqueue.worker.support.KafkaTopics.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genqueue.apixo.simulator.ApixoSimulator;
import dev.genqueue.common.job.JobStatus;
import dev.genqueue.testing.KafkaBrokerResource;
import dev.genqueue.testing.PostgresResource;
import dev.genqueue.testing.SimulatorResource;
import dev.genqueue.worker.support.CallbackReceiverResource;
import dev.genqueue.worker.support.JobHistory;
import dev.genqueue.worker.support.JobStoreQueries;
import dev.genqueue.worker.support.JobStoreQueries.JobRow;
import dev.genqueue.worker.support.KafkaTopics;
import dev.genqueue.worker.support.Requests;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The account runs out of credits mid-run, and APIXO goes down for a while: no job fails for either. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "genqueue_worker_test"))
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(CallbackReceiverResource.class)
class AccountAndOutageTest {

    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    JobStoreQueries store;

    @Inject
    MeterRegistry registry;

    private final ApixoSimulator sim = SimulatorResource.simulator();
    private final String tenant = "account-" + UUID.randomUUID();

    @BeforeAll
    static void watchTopics() {
        KafkaTopics.startWatching();
    }

    @AfterEach
    void restore() {
        sim.control().endOutage();
        sim.control().setBalance(SimulatorResource.API_KEY, new BigDecimal("1000000"));
    }

    @Test
    void creditsRunningOutMidRunPauseTheFleetAndATopUpFinishesEveryJob() throws Exception {
        // ten nano-banana tasks (0.03 USD each) fit, the other twenty find an empty account
        sim.control().setBalance(SimulatorResource.API_KEY, new BigDecimal("0.30"));
        int opsBefore = KafkaTopics.opsEvents().size();
        List<String> ids = send("credits", 30, "a picture on credit");

        await().atMost(WITHIN).until(() -> Boolean.TRUE.equals(store.value(
                "SELECT paused AND last_check IS NOT NULL FROM apixo_account", Boolean.class)));
        await().atMost(WITHIN).until(() -> count("SUCCEEDED") == 10);
        assertThat(registry.get("genqueue.account.paused").gauge().value()).isEqualTo(1.0);
        assertThat(count("FAILED")).isZero();
        assertThat(count("QUEUED")).isEqualTo(20);
        assertThat(store.value("SELECT last_check FROM apixo_account", String.class)).contains("balance 0");

        topUpThroughTheControlApi("50");

        List<JobRow> jobs = ids.stream().map(id -> await().atMost(WITHIN)
                .until(() -> store.jobByRequest(tenant, id).orElseThrow(), job -> job.status().isTerminal())).toList();
        assertThat(jobs).allSatisfy(job -> {
            assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(job.taskRetries()).isZero();
            JobHistory.assertLegalPath(store.history(job.id()), JobStatus.SUCCEEDED);
        });
        assertThat(registry.get("genqueue.account.paused").gauge().value()).isZero();
        await().atMost(WITHIN).until(() -> KafkaTopics.opsEvents().size() >= opsBefore + 2);
        List<ConsumerRecord<String, String>> ops = KafkaTopics.opsEvents().subList(opsBefore,
                KafkaTopics.opsEvents().size());
        assertThat(ops).extracting(ConsumerRecord::key).containsSubsequence("account_paused", "account_resumed");
        assertThat(ops).filteredOn(record -> record.key().equals("account_paused")).first()
                .satisfies(record -> assertThat(record.value()).contains("HTTP 402"));
    }

    @Test
    void anApixoOutageOpensTheBreakerAndEveryJobCompletesAfterIt() {
        double opened = transitions("open");
        List<String> running = send("outage-running", 10, "a picture caught in an outage #sim:duration=400s");
        await().atMost(WITHIN).until(() -> count("SUBMITTED") + count("PROCESSING") >= 5);

        sim.control().outage(Duration.ofSeconds(3));
        List<String> queued = send("outage-queued", 10, "a picture sent during an outage");

        await().atMost(WITHIN).until(() -> transitions("open") > opened);
        List<JobRow> jobs = IntStream.range(0, 20).mapToObj(i -> i < 10 ? running.get(i) : queued.get(i - 10))
                .map(id -> await().atMost(WITHIN).until(() -> store.jobByRequest(tenant, id).orElseThrow(),
                        job -> job.status().isTerminal())).toList();
        assertThat(jobs).allSatisfy(job -> assertThat(job.status()).as("%s", job).isEqualTo(JobStatus.SUCCEEDED));
        assertThat(transitions("closed")).isPositive();
        assertThat(registry.get("genqueue.apixo.circuit.state").gauge().value()).isZero();
    }

    private List<String> send(String prefix, int n, String prompt) {
        List<String> ids = IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).toList();
        KafkaTopics.sendRequests(ids.stream().map(id -> request(id, Requests.json(id, tenant, "nano-banana",
                prompt + " " + id))).toList());
        return ids;
    }

    private long count(String status) {
        return store.value("SELECT count(*) FROM job WHERE tenant_id = ? AND status = ?", Long.class, tenant, status);
    }

    private double transitions(String to) {
        var counter = registry.find("genqueue.apixo.circuit.transitions").tag("to", to).counter();
        return counter == null ? 0 : counter.count();
    }

    private void topUpThroughTheControlApi(String usd) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/_sim/keys/"
                        + SimulatorResource.API_KEY + "/balance")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"add\":\"" + usd + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
    }
}
