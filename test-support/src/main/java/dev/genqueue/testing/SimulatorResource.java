package dev.genqueue.testing;

import dev.genqueue.apixo.simulator.ApixoSimulator;
import dev.genqueue.apixo.simulator.Plan;
import dev.genqueue.apixo.simulator.SimulatorConfig;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.math.BigDecimal;
import java.util.Map;

/**
 * An embedded APIXO simulator over real HTTP, started once per test JVM with a small time factor and one
 * unlimited key. Supplies {@code genqueue.apixo.base-url} and {@code genqueue.apixo.api-key}; tests reach the
 * running instance through {@link #simulator()} to read its stats or inject faults.
 */
public class SimulatorResource implements QuarkusTestResourceLifecycleManager {

    /** The bearer key the simulator accepts; a test-only value, not a secret. */
    public static final String API_KEY = "genqueue-test-key";
    /** Simulated durations are multiplied by this: a 15 s image takes 15 ms. */
    public static final double TIME_FACTOR = 0.001;

    private static ApixoSimulator simulator;

    /** The running simulator, starting it on first use. */
    public static synchronized ApixoSimulator simulator() {
        if (simulator == null) {
            simulator = ApixoSimulator.start(SimulatorConfig.builder()
                    .host("127.0.0.1")
                    .port(0)
                    .timeFactor(TIME_FACTOR)
                    .seed(42L)
                    .apiKey(API_KEY, Plan.UNLIMITED, new BigDecimal("1000000"))
                    .controlApiEnabled(true)
                    .build());
            Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "apixo-simulator-stop"));
        }
        return simulator;
    }

    @Override
    public Map<String, String> start() {
        ApixoSimulator running = simulator();
        return Map.of(
                "genqueue.apixo.base-url", running.baseUrl(),
                "genqueue.apixo.api-key", API_KEY);
    }

    @Override
    public void stop() {
        // shared by the whole test JVM; stopped by the shutdown hook
    }
}
