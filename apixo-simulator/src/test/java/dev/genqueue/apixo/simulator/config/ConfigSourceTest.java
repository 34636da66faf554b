package dev.genqueue.apixo.simulator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genqueue.apixo.simulator.ApiKey;
import dev.genqueue.apixo.simulator.DurationRange;
import dev.genqueue.apixo.simulator.Plan;
import dev.genqueue.apixo.simulator.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standalone settings: names, value syntax and the key list. */
class ConfigSourceTest {

    @Test
    void readsEverySettingFromNamedValues() {
        SimulatorConfig config = ConfigSource.of(Map.ofEntries(
                Map.entry("port", "8089"), Map.entry("host", "0.0.0.0"), Map.entry("timeFactor", "0.01"),
                Map.entry("seed", "42"), Map.entry("keys", "k1:pro:100.5,k2:unlimited:1000,k3:60/10"),
                Map.entry("controlApi", "true"), Map.entry("urlTtl", "2h"),
                Map.entry("publicBaseUrl", "http://sim.local:8089/"), Map.entry("allowHttpCallbacks", "false"),
                Map.entry("callbackTimeout", "5s"), Map.entry("callbackRetryDelays", "1s,2s"),
                Map.entry("rateLimitWindow", "30s"), Map.entry("scaleRateLimitWindow", "yes"),
                Map.entry("retryAfterHeader", "on"), Map.entry("failureRate", "0.25"), Map.entry("eventLoops", "3"),
                Map.entry("latency", "5ms-20ms"), Map.entry("pending", "0s"),
                Map.entry("durations", "sora-2=1s-2s;suno=500ms")))
                .apply(SimulatorConfig.builder()).build();

        assertThat(config.port()).isEqualTo(8089);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.timeFactor()).isEqualTo(0.01);
        assertThat(config.seed()).isEqualTo(42L);
        assertThat(config.apiKeys()).extracting(ApiKey::key).containsExactly("k1", "k2", "k3");
        assertThat(config.apiKeys().get(0).plan()).isEqualTo(Plan.PRO);
        assertThat(config.apiKeys().get(0).balance()).isEqualByComparingTo("100.5");
        assertThat(config.apiKeys().get(2).plan()).isEqualTo(Plan.custom(60, 10));
        assertThat(config.apiKeys().get(2).balance()).isEqualByComparingTo("100");
        assertThat(config.controlApiEnabled()).isTrue();
        assertThat(config.urlTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(config.publicBaseUrl()).isEqualTo("http://sim.local:8089/");
        assertThat(config.allowHttpCallbacks()).isFalse();
        assertThat(config.callbackTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.callbackRetryDelays()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(config.rateLimitWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.scaleRateLimitWindow()).isTrue();
        assertThat(config.retryAfterHeader()).isTrue();
        assertThat(config.failureRate()).isEqualTo(0.25);
        assertThat(config.eventLoops()).isEqualTo(3);
        assertThat(config.responseLatency()).isEqualTo(new DurationRange(Duration.ofMillis(5), Duration.ofMillis(20)));
        assertThat(config.pendingDuration()).isEqualTo(DurationRange.exactly(Duration.ZERO));
        assertThat(config.modelDurations()).containsEntry("sora-2", DurationRange.ofSeconds(1, 2))
                .containsEntry("suno", DurationRange.exactly(Duration.ofMillis(500)));
    }

    @Test
    void readsAJsonFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sim.json");
        Files.writeString(file, "{\"port\":9001,\"timeFactor\":0.5,\"keys\":[\"a:free:1\",\"b:pro\"],"
                + "\"durations\":{\"nano-banana\":\"2s\"}}");

        SimulatorConfig config = SimulatorConfig.fromFile(file);

        assertThat(config.port()).isEqualTo(9001);
        assertThat(config.timeFactor()).isEqualTo(0.5);
        assertThat(config.apiKeys()).extracting(ApiKey::plan).containsExactly(Plan.FREE, Plan.PRO);
        assertThat(config.modelDurations()).containsKey("nano-banana");
    }

    @Test
    void readsAPropertiesFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sim.properties");
        Files.writeString(file, "port=9002\nkeys=x:unlimited:5\ncontrolApi=true\n");

        SimulatorConfig config = SimulatorConfig.fromFile(file);

        assertThat(config.port()).isEqualTo(9002);
        assertThat(config.controlApiEnabled()).isTrue();
    }

    @Test
    void standalonePortDefaultsTo8089() {
        assertThat(ConfigSource.of(Map.of()).apply(SimulatorConfig.builder()).build().port()).isEqualTo(8089);
    }

    @Test
    void environmentNamesAreUpperSnakeCase() {
        assertThat(ConfigSource.environmentName("timeFactor")).isEqualTo("APIXO_SIM_TIME_FACTOR");
        assertThat(ConfigSource.environmentName("keys")).isEqualTo("APIXO_SIM_KEYS");
    }

    @Test
    void badKeyListNamesTheSettingWithoutEchoingSecrets() {
        assertThatThrownBy(() -> ConfigSource.of(Map.of("keys", "secret-value-123")).apply(SimulatorConfig.builder()))
                .hasMessageContaining("keys").hasMessageNotContaining("secret-value-123");
        assertThat(new ApiKey("secret-value-123", Plan.FREE, java.math.BigDecimal.ONE).toString())
                .doesNotContain("secret-value-123");
    }
}
