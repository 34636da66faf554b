package dev.genqueue.worker.apixo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApixoBaseUrlTest {

    @Test
    void anHttpsUrlIsAcceptedWhateverTheSwitch() {
        assertThat(ApixoBaseUrl.check("https://api.apixo.ai", false)).hasHost("api.apixo.ai");
        assertThat(ApixoBaseUrl.check(" HTTPS://api.apixo.ai:8443 ", false)).hasPort(8443);
    }

    @Test
    void plainHttpIsRefusedUnlessExplicitlyAllowed() {
        assertThatThrownBy(() -> ApixoBaseUrl.check("http://api.apixo.ai", false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be https").hasMessageContaining("genqueue.apixo.allow-http");
        assertThat(ApixoBaseUrl.check("http://127.0.0.1:8090", true)).hasPort(8090);
    }

    @Test
    void whatIsNoAbsoluteHttpUrlIsRefusedEvenWithTheSwitch() {
        for (String bad : new String[] {"", "api.apixo.ai", "ftp://api.apixo.ai", "https://", "ht tp://x", "file:///etc"}) {
            assertThatThrownBy(() -> ApixoBaseUrl.check(bad, true)).as(bad).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("genqueue.apixo.base-url");
        }
        assertThatThrownBy(() -> ApixoBaseUrl.check(null, true)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theShippedConfigurationRefusesHttpInProdAndAdmitsItInDevAndTest() throws IOException {
        String http = "http://simulator:8090";

        assertThatThrownBy(() -> check(config("prod", Map.of("APIXO_BASE_URL", http))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("must be https");
        assertThat(check(config("prod", Map.of()))).hasToString("https://api.apixo.ai");
        assertThat(check(config("prod", Map.of("APIXO_BASE_URL", http, "genqueue.apixo.allow-http", "true"))))
                .hasHost("simulator");
        assertThat(check(config("dev", Map.of("APIXO_BASE_URL", http)))).hasHost("simulator");
        assertThat(check(config("test", Map.of("APIXO_BASE_URL", http)))).hasHost("simulator");
    }

    private static java.net.URI check(ApixoConfig config) {
        return ApixoBaseUrl.check(config.baseUrl(), config.allowHttp());
    }

    // the worker's own application.properties under a profile, with the given settings on top (as the environment)
    private static ApixoConfig config(String profile, Map<String, String> overrides) throws IOException {
        URL properties = ApixoBaseUrlTest.class.getClassLoader().getResource("application.properties");
        assertThat(properties).isNotNull();
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(properties, 250))
                .withSources(new MapBackedConfigSource("overrides", overrides, 400) {
                })
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(ApixoConfig.class)
                .withValidateUnknown(false)
                .build();
        return config.getConfigMapping(ApixoConfig.class);
    }
}
