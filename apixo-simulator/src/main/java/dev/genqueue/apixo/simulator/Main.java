package dev.genqueue.apixo.simulator;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone entry point: {@code java -jar apixo-simulator-runner.jar [--config FILE]}. Prints one line
 * with the listening URL and stops cleanly on SIGTERM / Ctrl-C.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorConfig config;
        try {
            config = args.length >= 2 && args[0].equals("--config")
                    ? SimulatorConfig.fromFile(Path.of(args[1]))
                    : SimulatorConfig.fromEnvironment();
            if (args.length == 1 || (args.length >= 1 && !args[0].equals("--config"))) {
                System.err.println("usage: java -jar apixo-simulator-runner.jar [--config FILE]");
                System.exit(2);
            }
        } catch (RuntimeException e) {
            System.err.println("apixo-simulator: " + e.getMessage());
            System.exit(2);
            return;
        }
        ApixoSimulator simulator = ApixoSimulator.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "apixo-simulator-shutdown"));
        System.out.println("APIXO simulator listening on " + simulator.baseUrl() + " (API under /api/v1, "
                + config.apiKeys().size() + " key(s), time factor " + config.timeFactor() + ", control API "
                + (config.controlApiEnabled() ? "on" : "off") + ")");
        System.out.flush();
        stopped.await();
    }
}
