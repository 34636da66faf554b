package dev.genqueue.worker.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genqueue.common.contract.Json;
import dev.genqueue.common.contract.Topics;
import dev.genqueue.common.job.JobStatus;
import dev.genqueue.testing.SimulatorResource;
import dev.genqueue.worker.support.JobStoreQueries.JobRow;
import dev.genqueue.worker.support.JobStoreQueries.TransitionRow;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Assertions every end-to-end scenario ends with: one terminal state, one result event, no foreign download. */
public final class Outcomes {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    private Outcomes() {
    }

    /** Waits for the job to end and checks it ended exactly once; answers the event. */
    public static JsonNode endedOnce(JobStoreQueries store, UUID jobId, JobStatus expected) throws Exception {
        JobRow job = await().atMost(WITHIN).until(() -> store.job(jobId), row -> row.status().isTerminal());
        assertThat(job.status()).as("job %s", jobId).isEqualTo(expected);
        List<TransitionRow> history = store.history(jobId);
        JobHistory.assertLegalPath(history, expected);
        assertThat(history).filteredOn(step -> step.to().isTerminal()).hasSize(1);
        assertThat(store.outboxPayloads(Topics.RESULTS, jobId.toString())).hasSize(1);
        await().atMost(WITHIN).until(() -> !KafkaTopics.resultsFor(jobId).isEmpty());
        assertThat(KafkaTopics.resultsFor(jobId)).hasSize(1);
        return Json.mapper().readTree(KafkaTopics.resultsFor(jobId).get(0).value());
    }

    /** Every stored output came from the simulator's own file host, none from anywhere else. */
    public static void outputsFromApixoOnly(JobStoreQueries store, UUID jobId) {
        assertThat(store.outputs(jobId)).isNotEmpty().allSatisfy(output -> assertThat(output.originalUrl())
                .startsWith(SimulatorResource.simulator().baseUrl() + "/files/"));
    }

    /** Waits until the job's row satisfies a condition. */
    public static JobRow awaitJob(JobStoreQueries store, UUID jobId, java.util.function.Predicate<JobRow> condition) {
        return await().atMost(WITHIN).until(() -> store.job(jobId), condition::test);
    }
}
