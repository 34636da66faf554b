package dev.genqueue.worker.failure;

import static dev.genqueue.worker.support.KafkaTopics.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genqueue.apixo.simulator.ApixoSimulator;
import dev.genqueue.apixo.simulator.SimulatorStats;
import dev.genqueue.apixo.simulator.fault.Endpoint;
import dev.genqueue.apixo.simulator.fault.FaultEffect;
import dev.genqueue.apixo.simulator.fault.FaultRule;
import dev.genqueue.common.failure.ApixoCall;
import dev.genqueue.common.failure.FailureAction;
import dev.genqueue.common.failure.FailureClassification;
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
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every row of the failure classification table (docs/failures.md) provoked in the simulator: submit, status
 * query and download statuses, network errors, and every failCode of both vocabularies. Each row asserts the
 * job's outcome and counts the retries in the simulator's statistics. Rows of one column run together.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "genqueue_worker_test"))
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(CallbackReceiverResource.class)
class ClassificationTableTest {

    private static final Duration WITHIN = Duration.ofSeconds(40);

    @Inject
    JobStoreQueries store;

    private final String tenant = "table-" + UUID.randomUUID();
    private final ApixoSimulator sim = SimulatorResource.simulator();

    @BeforeAll
    static void watchTopics() {
        KafkaTopics.startWatching();
    }

    @AfterEach
    void clearFaults() {
        sim.control().clearFaults();
    }

    @Test
    void submitStatusesFailPauseOrRetryAsTheTableSays() {
        sim.control().addFault(FaultRule.on(Endpoint.SUBMIT).forModel("gpt-image-1").times(1).respond(401));
        sim.control().addFault(FaultRule.on(Endpoint.SUBMIT).forModel("nano-banana-pro").times(1).respond(402));
        sim.control().addFault(FaultRule.on(Endpoint.SUBMIT).forModel("grok-image").times(1).respond(408));
        sim.control().addFault(FaultRule.on(Endpoint.SUBMIT).forModel("seedream-4-0").times(1).respond(425));
        sim.control().addFault(FaultRule.on(Endpoint.SUBMIT).forModel("seedream-5-0").times(2).respond(429));
        sim.control().addFault(FaultRule.on(Endpoint.SUBMIT).forModel("gpt-image-2").times(2).respond(500));
        sim.control().addFault(FaultRule.on(Endpoint.SUBMIT).forModel("seedream-4-5").times(1)
                .then(new FaultEffect.DropConnection(false)));
        SimulatorStats before = sim.stats(false);
        int opsBefore = KafkaTopics.opsEvents().size();

        Map<String, JobRow> jobs = run(Map.of(
                "s400", new Req("nano-banana", "refused #sim:http=400"),
                "s401", new Req("gpt-image-1", "key refused once"),
                "s402", new Req("nano-banana-pro", "balance refused once"),
                "s403", new Req("nano-banana", "forbidden #sim:http=403"),
                "s404", new Req("nano-banana", "no such model #sim:http=404"),
                "s408", new Req("grok-image", "slow once"),
                "s425", new Req("seedream-4-0", "too early once"),
                "s429", new Req("seedream-5-0", "rate limited twice"),
                "s418", new Req("nano-banana", "a teapot #sim:http=418"),
                "s500", new Req("gpt-image-2", "broken twice")));
        JobRow dropped = run(Map.of("snet", new Req("seedream-4-5", "connection lost once"))).get("snet");

        SimulatorStats after = sim.stats(false);
        expect(jobs.get("s400"), JobStatus.FAILED, "INVALID_REQUEST", 1);
        expect(jobs.get("s403"), JobStatus.FAILED, "FORBIDDEN", 1);
        expect(jobs.get("s404"), JobStatus.FAILED, "MODEL_NOT_FOUND", 1);
        expect(jobs.get("s418"), JobStatus.FAILED, "HTTP_418", 1);
        expect(jobs.get("s401"), JobStatus.SUCCEEDED, null, 2);
        expect(jobs.get("s402"), JobStatus.SUCCEEDED, null, 2);
        expect(jobs.get("s408"), JobStatus.SUCCEEDED, null, 2);
        expect(jobs.get("s425"), JobStatus.SUCCEEDED, null, 2);
        expect(jobs.get("s429"), JobStatus.SUCCEEDED, null, 3);
        expect(jobs.get("s500"), JobStatus.SUCCEEDED, null, 3);
        expect(dropped, JobStatus.SUCCEEDED, null, 2);
        for (int status : List.of(401, 402, 408, 425, 500)) {
            assertThat(delta(before, after, status)).as("HTTP %d answers", status)
                    .isEqualTo(status == 500 ? 2 : 1);
        }
        assertThat(delta(before, after, 429)).isEqualTo(2);
        // a refused account pauses the fleet without using the job's retry budget
        assertThat(jobs.get("s402").taskRetries()).isZero();
        assertThat(store.history(jobs.get("s402").id())).anySatisfy(step ->
                assertThat(step.reason()).contains("HTTP 402", "submissions paused"));
        assertThat(store.history(dropped.id())).anySatisfy(step ->
                assertThat(step.reason()).contains("UNKNOWN_SUBMIT_OUTCOME"));
        await().atMost(WITHIN).until(() -> KafkaTopics.opsEvents().size() >= opsBefore + 2);
        assertThat(KafkaTopics.opsEvents().subList(opsBefore, KafkaTopics.opsEvents().size()))
                .extracting(record -> record.key()).contains("account_paused", "account_resumed");
    }

    @Test
    void statusQueryStatusesRetryPauseOrFailAsTheTableSays() {
        SimulatorStats before = sim.stats(false);

        Map<String, JobRow> jobs = run(Map.of(
                "q400", new Req("nano-banana", "bad query twice #sim:status-http=400:2"),
                "q401", new Req("nano-banana", "key refused on a query #sim:status-http=401:1"),
                "q402", new Req("nano-banana", "balance refused on a query #sim:status-http=402:1"),
                "q403", new Req("nano-banana", "forbidden query #sim:status-http=403:1"),
                "q404", new Req("nano-banana", "not visible yet #sim:status-http=404:2"),
                "q425", new Req("nano-banana", "too early #sim:status-http=425:1"),
                "q429", new Req("nano-banana", "rate limited #sim:status-http=429:2"),
                "q503", new Req("nano-banana", "unavailable #sim:status-http=503:3"),
                "q418", new Req("nano-banana", "a teapot query #sim:status-http=418:1"),
                "qnet", new Req("nano-banana", "connection lost #sim:status-drop=2")));

        SimulatorStats after = sim.stats();
        expect(jobs.get("q403"), JobStatus.FAILED, "FORBIDDEN", 1);
        expect(jobs.get("q418"), JobStatus.FAILED, "HTTP_418", 1);
        Map<String, Integer> faulted = Map.of("q400", 2, "q401", 1, "q402", 1, "q404", 2, "q425", 1, "q429", 2,
                "q503", 3, "qnet", 2);
        faulted.forEach((row, failures) -> {
            JobRow job = jobs.get(row);
            expect(job, JobStatus.SUCCEEDED, null, 1);
            assertThat(after.tasks().get(job.taskId()).statusCalls()).as(row).isGreaterThan(failures);
        });
        for (int status : List.of(401, 402, 403, 418, 425, 503)) {
            assertThat(delta(before, after, status)).as("HTTP %d answers", status)
                    .isEqualTo(status == 503 ? 3 : 1);
        }
    }

    @Test
    void downloadStatusesFailPauseOrRetryAsTheTableSays() {
        Map<String, Req> rows = new LinkedHashMap<>();
        Map<String, Consumer<String>> faults = new LinkedHashMap<>();
        download(rows, faults, "d400", task -> rule(task, 1, new FaultEffect.HttpError(400)));
        download(rows, faults, "d401", task -> rule(task, 1, new FaultEffect.HttpError(401)));
        download(rows, faults, "d403", task -> rule(task, 0, new FaultEffect.HttpError(403)));
        download(rows, faults, "d404", task -> rule(task, 0, new FaultEffect.HttpError(404)));
        download(rows, faults, "d418", task -> rule(task, 0, new FaultEffect.HttpError(418)));
        download(rows, faults, "d429", task -> rule(task, 2, new FaultEffect.HttpError(429)));
        download(rows, faults, "d502", task -> rule(task, 2, new FaultEffect.HttpError(502)));
        download(rows, faults, "dnet", task -> rule(task, 1, new FaultEffect.DropConnection(false)));
        SimulatorStats before = sim.stats(false);
        List<UUID> ids = send(rows);
        Map<String, UUID> byRow = new LinkedHashMap<>();
        int i = 0;
        for (String row : rows.keySet()) {
            UUID id = ids.get(i++);
            byRow.put(row, id);
            String task = await().atMost(WITHIN).pollInterval(Duration.ofMillis(10))
                    .until(() -> store.job(id).taskId(), taskId -> taskId != null);
            faults.get(row).accept(task);
        }
        Map<String, JobRow> jobs = awaitAll(byRow);

        // the table decides whether a 400 on a result file is permanent
        boolean fails400 = FailureClassification.ofHttpStatus(400, ApixoCall.DOWNLOAD).action() == FailureAction.FAIL;
        expect(jobs.get("d400"), fails400 ? JobStatus.FAILED : JobStatus.SUCCEEDED, fails400 ? "INVALID_REQUEST" : null,
                1);
        expect(jobs.get("d403"), JobStatus.FAILED, "OUTPUT_EXPIRED", 1);
        expect(jobs.get("d404"), JobStatus.FAILED, "OUTPUT_EXPIRED", 1);
        expect(jobs.get("d418"), JobStatus.FAILED, "HTTP_418", 1);
        for (String row : List.of("d401", "d429", "d502", "dnet")) {
            expect(jobs.get(row), JobStatus.SUCCEEDED, null, 1);
            assertThat(store.outputs(jobs.get(row).id())).hasSize(1);
        }
        SimulatorStats after = sim.stats(false);
        Map.of(401, 1L, 429, 2L, 502, 2L, 403, 1L, 404, 1L, 418, 1L).forEach((status, answers) ->
                assertThat(delta(before, after, status)).as("HTTP %d answers", status).isEqualTo(answers));
        assertThat(after.droppedConnections() - before.droppedConnections()).isEqualTo(1);
    }

    @Test
    void failCodesOfBothVocabulariesFailRetryOrPauseAsTheTableSays() {
        List<String> permanent = List.of("SensitiveContent", "SensitiveContentDetected",
                "InputImageSensitiveContentDetected", "InputOutputSensitiveContentDetected", "NSFW",
                "ProhibitedContentDetected", "PromptLengthExceeded", "PROMPT_TOO_LONG", "INVALID_PROMPT",
                "CONTENT_VIOLATION", "NSFW_DETECTED", "INVALID_IMAGE_URL", "IMAGE_TOO_LARGE", "UNSUPPORTED_FORMAT",
                "WEIRD_NEW_CODE", "nsfw");
        List<String> transientCodes = List.of("IMAGE_DOWNLOAD_FAILED", "PROCESSING_TIMEOUT", "MODEL_UNAVAILABLE",
                "GENERATION_FAILED");
        sim.control().addFault(FaultRule.on(Endpoint.SUBMIT).forModel("flux-2").times(1)
                .then(new FaultEffect.FailTask("GENERATION_FAILED", null)));
        sim.control().addFault(FaultRule.on(Endpoint.SUBMIT).forModel("seedream-4-5").times(1)
                .then(new FaultEffect.FailTask("INSUFFICIENT_CREDITS", null)));
        Map<String, Req> rows = new LinkedHashMap<>();
        permanent.forEach(code -> rows.put("fail-" + code,
                new Req("nano-banana", "code " + code + " #sim:fail=" + code)));
        transientCodes.forEach(code -> rows.put("exhaust-" + code,
                new Req("nano-banana", "always " + code + " #sim:fail=" + code)));
        rows.put("retry-once", new Req("flux-2", "fails once, then works"));
        rows.put("credits", new Req("seedream-4-5", "no credits once"));

        Map<String, JobRow> jobs = run(rows);
        SimulatorStats stats = sim.stats();

        for (String code : permanent) {
            JobRow job = jobs.get("fail-" + code);
            expect(job, JobStatus.FAILED, code, 1);
            assertThat(tasksOf(stats, job)).as(code).isEqualTo(1);
            assertThat(job.costUsd()).isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(store.jobDeadLetters(job.id())).isEmpty();
        }
        for (String code : transientCodes) {
            JobRow job = jobs.get("exhaust-" + code);
            expect(job, JobStatus.FAILED, code, 3);
            assertThat(tasksOf(stats, job)).as(code).isEqualTo(3);
            assertThat(job.taskRetries()).isEqualTo(2);
            assertThat(store.jobDeadLetters(job.id())).singleElement().satisfies(letter -> {
                assertThat(letter.reason()).contains(code, "retries exhausted");
                assertThat(letter.payload()).contains("\"requestId\":\"exhaust-" + code + "\"");
            });
            // the history keeps every task: two of them sent the job back to the queue
            assertThat(store.history(job.id())).filteredOn(step -> step.to() == JobStatus.QUEUED && step.from() != null)
                    .hasSize(2).allSatisfy(step -> assertThat(step.taskId()).isNotNull());
        }
        JobRow retried = jobs.get("retry-once");
        expect(retried, JobStatus.SUCCEEDED, null, 2);
        assertThat(retried.taskRetries()).isEqualTo(1);
        assertThat(tasksOf(stats, retried)).isEqualTo(2);
        JobRow credits = jobs.get("credits");
        expect(credits, JobStatus.SUCCEEDED, null, 2);
        assertThat(credits.taskRetries()).isZero();
        assertThat(store.history(credits.id())).anySatisfy(step ->
                assertThat(step.reason()).contains("INSUFFICIENT_CREDITS", "submissions paused"));
    }

    private void download(Map<String, Req> rows, Map<String, Consumer<String>> faults, String row,
            Consumer<String> fault) {
        // 1.5 s of rendering leaves time to aim a fault at the task's files before they are fetched
        rows.put(row, new Req("wan-2-5", "download row " + row + " #sim:duration=1500s"));
        faults.put(row, fault);
    }

    private void rule(String taskId, int times, FaultEffect effect) {
        FaultRule.Builder builder = FaultRule.on(Endpoint.FILES).forTask(taskId);
        sim.control().addFault((times > 0 ? builder.times(times) : builder).then(effect));
    }

    private void expect(JobRow job, JobStatus status, String failCode, int attempts) {
        assertThat(job.status()).as("%s", job).isEqualTo(status);
        if (failCode != null) {
            assertThat(job.failCode()).isEqualTo(failCode);
        }
        assertThat(job.attempts()).as("attempts of %s", job).isEqualTo(attempts);
        JobHistory.assertLegalPath(store.history(job.id()), status);
    }

    private Map<String, JobRow> run(Map<String, Req> rows) {
        List<UUID> ids = send(rows);
        Map<String, UUID> byRow = new LinkedHashMap<>();
        int i = 0;
        for (String row : rows.keySet()) {
            byRow.put(row, ids.get(i++));
        }
        return awaitAll(byRow);
    }

    private List<UUID> send(Map<String, Req> rows) {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        KafkaTopics.sendRequests(rows.entrySet().stream().map(row -> request(row.getKey(), Requests.json(row.getKey(),
                tenant, row.getValue().model(), row.getValue().prompt() + " [" + marker + "]"))).toList());
        List<UUID> ids = new ArrayList<>();
        for (String row : rows.keySet()) {
            ids.add(await().atMost(WITHIN).pollInterval(Duration.ofMillis(10))
                    .until(() -> store.jobByRequest(tenant, row).orElse(null), job -> job != null).id());
        }
        return ids;
    }

    private Map<String, JobRow> awaitAll(Map<String, UUID> ids) {
        Map<String, JobRow> done = new LinkedHashMap<>();
        ids.forEach((row, id) -> done.put(row, await().atMost(WITHIN).until(() -> store.job(id),
                job -> job.status().isTerminal())));
        return done;
    }

    private static long delta(SimulatorStats before, SimulatorStats after, int status) {
        return after.responses(status) - before.responses(status);
    }

    // tasks created for a job: all its tasks share the request's fingerprint
    private static long tasksOf(SimulatorStats stats, JobRow job) {
        String fingerprint = stats.tasks().get(job.taskId()).fingerprint();
        return stats.submitsByFingerprint().get(fingerprint);
    }

    private record Req(String model, String prompt) {
    }
}
