package dev.genqueue.system.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Crash safety proven by fault injection, at the reduced CI size (chaos/run.sh runs the full size): one stack
 * of its own (embedded PostgreSQL, Kafka broker JVM, simulator, api-service, three workers) serves both
 * scenarios, each with a tenant of its own. Every figure is printed as the table docs/reliability.md shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaosIT {

    private final ChaosSize size = ChaosSize.named(System.getProperty("chaos.size", "ci"));
    private ChaosStack stack;

    @BeforeAll
    void startStack() {
        stack = ChaosStack.start("chaos-stack", size.lease(), ChaosMain.SIMULATOR_TIME_FACTOR,
                ChaosMain.POLL_TIME_SCALE);
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void killedWorkersAndRestartedBrokerAndDatabaseLoseNothingAndRepeatNothingOutsideTheWindow() {
        ChaosScenario.Outcome outcome = ChaosScenario.run(stack, size);
        report("kill scenario", ChaosReport.table(outcome, null), ChaosReport.details(outcome, null));

        assertThat(outcome.load().problems()).as("client-side problems").isEmpty();
        assertThat(outcome.faults().kills()).as("worker kills").isGreaterThanOrEqualTo(
                (int) (size.chaos().toSeconds() / size.killMax().toSeconds()) - 1);
        assertThat(outcome.faults().brokerRestarts()).isEqualTo(1);
        assertThat(outcome.faults().postgresRestarts()).isEqualTo(1);
        assertThat(outcome.faults().takeoversPending()).as("leased jobs of killed workers never taken over").isZero();
        ChaosAudit.Result audit = outcome.audit();
        assertThat(audit.findings()).as("audit findings").isEmpty();
        assertThat(audit.lost()).as("lost jobs").isZero();
        assertThat(audit.succeeded()).as("succeeded jobs").isEqualTo(size.jobs());
        assertThat(audit.duplicateTerminalStates()).as("jobs with more than one terminal state").isZero();
        assertThat(audit.jobsWithoutEvent()).as("jobs without a result event").isZero();
        assertThat(audit.duplicatesAfterDedupe()).as("events handled twice after the dedupe").isZero();
        assertThat(audit.submits().orphansOutsideWindow()).as("APIXO tasks outside any recorded window").isZero();
        assertThat(audit.submits().orphansInWindow()).as("duplicate submits inside windows")
                .isLessThanOrEqualTo(audit.windowHits());
        // every attempt carries a callback URL: an orphaned task announces itself and is adopted
        assertThat(audit.submits().duplicatePaidSubmits()).as("duplicate paid submits (simulator's tasks)").isZero();
        assertThat(audit.clean()).isTrue();
    }

    @Test
    void databaseRestartWithSubmitsInFlightLosesNoTaskId() {
        DatabaseRestart.Outcome outcome = DatabaseRestart.run(stack, size);
        report("database restart", ChaosReport.table(outcome), ChaosReport.details(null, outcome, null));

        assertThat(outcome.submittingAtRestart()).as("submits in flight at the restart").isPositive();
        ChaosAudit.Result audit = outcome.audit();
        assertThat(audit.findings()).as("audit findings").isEmpty();
        assertThat(audit.lost()).as("lost jobs").isZero();
        assertThat(outcome.writesGivenUp()).as("state writes given up").isZero();
        assertThat(audit.windowHits()).as("submits whose task id was lost").isZero();
        assertThat(audit.submits().jobsSubmittedOnce()).as("jobs submitted exactly once").isEqualTo(audit.jobs());
        assertThat(outcome.during().restFailures().keySet()).as("REST answers during the restart")
                .allMatch(answer -> answer.startsWith("HTTP 503") || answer.equals("connection error"));
        assertThat(audit.clean()).isTrue();
    }

    @Test
    void rollingRestartUnderLoadLosesNothingAndRepeatsNothing() {
        RollingRestart.Outcome outcome = RollingRestart.run(stack, size);
        report("rolling restart", ChaosReport.table(null, outcome), ChaosReport.details(null, outcome));

        assertThat(outcome.load().problems()).as("client-side problems").isEmpty();
        assertThat(outcome.stops()).hasSize(ChaosStack.WORKERS).allSatisfy(stop -> {
            assertThat(stop.took()).as("shutdown of %s", stop.worker()).isLessThan(Duration.ofSeconds(30));
            assertThat(stop.exitCode()).as("exit code of %s (137 = killed after the grace)", stop.worker())
                    .isNotEqualTo(137);
            assertThat(stop.leasedAfter()).as("leases %s still held after its stop", stop.worker()).isZero();
        });
        ChaosAudit.Result audit = outcome.audit();
        assertThat(audit.findings()).as("audit findings").isEmpty();
        assertThat(audit.lost()).as("lost jobs").isZero();
        assertThat(audit.succeeded()).as("succeeded jobs").isEqualTo(size.rollingJobs());
        assertThat(audit.duplicateTerminalStates()).isZero();
        assertThat(audit.windowHits()).as("submits with an unknown outcome").isZero();
        assertThat(audit.submits().jobsSubmittedOnce()).as("jobs submitted exactly once").isEqualTo(size.rollingJobs());
        assertThat(audit.rawDuplicateEvents()).as("result events published twice").isZero();
        assertThat(audit.clean()).isTrue();
    }

    private void report(String scenario, String table, String details) {
        String text = "## " + scenario + " (" + size.name() + " size)\n\n" + table + "\n" + details + "\n";
        System.out.println(text);
        Path file = stack.stack().settings().stateDir().resolve("figures-" + scenario.replace(' ', '-') + ".md");
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
