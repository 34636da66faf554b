package dev.genqueue.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genqueue.bench.load.Wrk;
import dev.genqueue.bench.report.BenchReport;
import dev.genqueue.bench.report.ScenarioResult;
import dev.genqueue.bench.scenario.Sizes;
import dev.genqueue.stack.StackLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The benchmark harness at smoke sizes against the packaged system, so it keeps working as the code changes.
 * Checks that every scenario ran and produced plausible numbers, never how fast anything was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchSmokeIT {

    private BenchReport report;

    @BeforeAll
    void runEveryScenarioAtSmokeSizes() throws IOException {
        StackLayout layout = StackLayout.discover();
        Path reportFile = layout.root().resolve("bench/target/bench-smoke-report.md");
        BenchOptions options = BenchOptions.parse(new String[] {"--size", "smoke", "--no-docs", "--report",
                reportFile.toString()}, layout.root(), "mvn -pl bench verify (BenchSmokeIT)");
        report = new BenchRun(options, layout, layout).run();
        System.out.println(report.table());
        Files.writeString(reportFile, "# Benchmark smoke run\n\n" + report.markdown(), StandardCharsets.UTF_8);
    }

    @Test
    void printsOneTableWithEveryScenario() {
        assertThat(report.results()).extracting(ScenarioResult::number).containsExactly(1, 2, 3, 4, 5, 6, 7);
        String table = report.table();
        for (ScenarioResult result : report.results()) {
            assertThat(table).contains("| " + result.number() + " | " + result.title() + " |");
        }
        assertThat(report.markdown()).contains("Machine:", "Command:", "Load average");
    }

    @Test
    void pipelineCompletesEveryJob() {
        ScenarioResult pipeline = ran(1);
        assertThat(pipeline.value("completed")).isEqualTo(Sizes.smoke().pipelineJobs());
        assertThat(pipeline.value("jobsPerSecond")).isPositive();
        assertThat(pipeline.value("transactionsPerJob")).isPositive();
        assertThat(pipeline.value("httpCallsPerJob")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void ingestMeasuresTheRestDoor() {
        if (!Wrk.available()) {
            assertThat(report.result(2).ran()).isFalse();
            return;
        }
        ScenarioResult ingest = ran(2);
        assertThat(ingest.value("requests")).isPositive();
        assertThat(ingest.value("requestsPerSecond")).isPositive();
        assertThat(ingest.value("created")).isPositive();
    }

    @Test
    void latencyFollowsEveryCallbackAndPollingJob() {
        ScenarioResult latency = ran(3);
        assertThat(latency.value("completed")).isEqualTo(latency.value("jobs"));
        assertThat(latency.value("callbackJobs")).isPositive();
        assertThat(latency.value("pollingJobs")).isPositive();
        assertThat(latency.value("submitP99Millis")).isPositive();
    }

    @Test
    void capacityHoldsEveryJobInFlight() {
        ScenarioResult capacity = ran(4);
        assertThat(capacity.value("submitted")).isEqualTo(Sizes.smoke().capacityJobs());
        assertThat(capacity.value("inFlight")).isEqualTo(Sizes.smoke().capacityJobs());
        assertThat(capacity.value("rssBytes")).isPositive();
        assertThat(capacity.value("polls")).isPositive();
        assertThat(capacity.value("bytesPerJob")).isPositive();
    }

    @Test
    void pollEconomyCountsQueriesForEveryModelType() {
        ScenarioResult economy = ran(5);
        for (String model : new String[] {"nano-banana", "flux-2", "veo-3-1", "suno"}) {
            assertThat(economy.value(model + ".jobs")).as(model).isEqualTo(Sizes.smoke().economyJobsPerModel());
            assertThat(economy.value(model + ".callsPerJob")).as(model).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void scaleOutCompletesBothFleetSizes() {
        ScenarioResult scaleOut = ran(6);
        assertThat(scaleOut.value("completedOne")).isEqualTo(Sizes.smoke().scaleOutJobs());
        assertThat(scaleOut.value("completedThree")).isEqualTo(Sizes.smoke().scaleOutJobs());
        assertThat(scaleOut.value("ratio")).isPositive();
    }

    @Test
    void quotaUseCountsThePlansRequests() {
        ScenarioResult quota = ran(7);
        assertThat(quota.value("admitted")).isPositive();
        assertThat(quota.value("tooManyRequests")).isNotNegative();
    }

    private ScenarioResult ran(int number) {
        ScenarioResult result = report.result(number);
        assertThat(result.ran()).as("scenario %d: %s", number, result.setup()).isTrue();
        return result;
    }
}
