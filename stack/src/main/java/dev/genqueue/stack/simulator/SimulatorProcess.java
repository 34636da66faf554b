package dev.genqueue.stack.simulator;

import dev.genqueue.stack.process.HttpProbe;
import dev.genqueue.stack.process.SupervisedProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The APIXO simulator run from its jar ({@code apixo-simulator/target/apixo-simulator-*-runner.jar}),
 * configured through its {@code APIXO_SIM_*} environment variables.
 */
public final class SimulatorProcess extends SupervisedProcess {

    private final Settings settings;

    /**
     * @param jar         the simulator's runnable jar
     * @param logFile     where its output goes
     * @param port        HTTP port on 127.0.0.1
     * @param apiKey      the one API key it accepts (unlimited plan, ample balance)
     * @param timeFactor  multiplier of every simulated duration
     * @param environment further {@code APIXO_SIM_*} settings, e.g. a seed or fault rates
     * @param inherit     whether {@code APIXO_SIM_*} variables of the launching shell reach the simulator
     * @param maxHeap     the simulator JVM's {@code -Xmx}, e.g. {@code 256m}; it keeps every task in memory
     */
    public record Settings(Path jar, Path logFile, int port, String apiKey, double timeFactor,
            Map<String, String> environment, boolean inherit, String maxHeap) {

        public Settings {
            environment = Map.copyOf(environment);
        }
    }

    public SimulatorProcess(Settings settings) {
        super("apixo-simulator", settings.logFile());
        this.settings = settings;
    }

    /** The simulator's root URL; the APIXO API is under {@code /api/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + settings.port();
    }

    public String apiKey() {
        return settings.apiKey();
    }

    public Settings settings() {
        return settings;
    }

    @Override
    protected List<String> command() {
        return List.of(javaExecutable(), "-Xms32m", "-Xmx" + settings.maxHeap(), "-jar", settings.jar().toString());
    }

    @Override
    protected Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("APIXO_SIM_HOST", "127.0.0.1");
        env.put("APIXO_SIM_PORT", Integer.toString(settings.port()));
        env.put("APIXO_SIM_KEYS", settings.apiKey() + ":unlimited:1000000");
        env.put("APIXO_SIM_TIME_FACTOR", Double.toString(settings.timeFactor()));
        env.put("APIXO_SIM_CONTROL_API", "true");
        env.putAll(settings.environment());
        return overlay(env, settings.inherit(), List.of("APIXO_SIM_"));
    }

    @Override
    protected boolean isReady() {
        return HttpProbe.status(baseUrl() + "/api/v1/apikeys/current-balance",
                Map.of("Authorization", "Bearer " + settings.apiKey())) == 200;
    }

    @Override
    protected Duration stopGrace() {
        return Duration.ofSeconds(15);
    }
}
