package dev.genqueue.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the local run reads its environment. */
class StackSettingsTest {

    private static final StackLayout LAYOUT = new StackLayout(Path.of("/srv/genqueue"));

    @Test
    void withoutSettingsTheLocalRunUsesTheFixedPortsAndTheSimulator() {
        StackSettings settings = StackSettings.local(LAYOUT, Map.of());

        assertThat(settings.apiPort()).isEqualTo(8080);
        assertThat(settings.workerPorts()).containsExactly(8081);
        assertThat(settings.simulatorPort()).isEqualTo(8090);
        assertThat(settings.kafkaPort()).isEqualTo(9092);
        assertThat(settings.kafkaControllerPort()).isEqualTo(9093);
        assertThat(settings.database()).isEqualTo("genqueue");
        assertThat(settings.stateDir()).isEqualTo(Path.of("/srv/genqueue/.genqueue"));
        assertThat(settings.simulated()).isTrue();
        assertThat(settings.pollTimeScale()).isEqualTo(settings.simulatorTimeFactor());
        assertThat(settings.recreateDatabase()).isFalse();
        assertThat(settings.freshKafka()).isFalse();
    }

    @Test
    void realApixoNeedsBothTheKeyAndTheBaseUrlAndRunsOnTheRealSchedule() {
        assertThat(StackSettings.local(LAYOUT, Map.of("APIXO_API_KEY", "sk-1")).simulated()).isTrue();

        StackSettings real = StackSettings.local(LAYOUT,
                Map.of("APIXO_API_KEY", "sk-1", "APIXO_BASE_URL", "https://api.apixo.ai"));

        assertThat(real.simulated()).isFalse();
        assertThat(real.pollTimeScale()).isEqualTo(1.0);
        assertThat(real.realApixo().orElseThrow().toString()).doesNotContain("sk-1");
    }

    @Test
    void portsAndTimeFactorsComeFromTheEnvironment() {
        StackSettings settings = StackSettings.local(LAYOUT, Map.of("GENQUEUE_API_PORT", "18080",
                "GENQUEUE_WORKER_PORT", "18081", "GENQUEUE_SIM_TIME_FACTOR", "0.5",
                "GENQUEUE_WORKER_POLL_TIME_SCALE", "0.25"));

        assertThat(settings.apiPort()).isEqualTo(18080);
        assertThat(settings.workerPorts()).containsExactly(18081);
        assertThat(settings.simulatorTimeFactor()).isEqualTo(0.5);
        assertThat(settings.pollTimeScale()).isEqualTo(0.25);
    }

    @Test
    void anIsolatedStackGetsDistinctFreePortsAFreshBrokerAndDatabase() {
        StackSettings settings = StackSettings.isolated(LAYOUT, Path.of("target/x"), "genqueue_x_test", 3).build();

        assertThat(settings.workerPorts()).hasSize(3);
        assertThat(settings.workerPorts()).doesNotContain(settings.apiPort(), settings.simulatorPort(),
                settings.kafkaPort(), settings.kafkaControllerPort());
        assertThat(settings.workerPorts()).doesNotHaveDuplicates();
        assertThat(settings.recreateDatabase()).isTrue();
        assertThat(settings.freshKafka()).isTrue();
        assertThat(settings.inheritEnvironment()).isFalse();
    }
}
