package dev.genqueue.stack;

import dev.genqueue.stack.process.Ports;
import dev.genqueue.stack.process.SupervisedProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The local run: {@code java -jar stack/target/genqueue-stack.jar up|stop}. {@code up} starts the stack on the
 * fixed local ports and stops it on Ctrl-C, on {@code stop} typed on standard input, or when {@code stop} is
 * run from another terminal.
 */
public final class LocalStack {

    private static final Duration LAUNCHER_STOP_TIMEOUT = Duration.ofSeconds(120);
    private static volatile boolean stopping;

    private LocalStack() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "up" : args[0];
        try {
            StackLayout layout = StackLayout.discover();
            StackState state = new StackState(layout.root().resolve(".genqueue"));
            switch (command) {
                case "up" -> up(layout, state);
                case "stop" -> stop(state);
                default -> {
                    System.err.println("usage: java -jar stack/target/genqueue-stack.jar up|stop");
                    System.exit(2);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("genqueue: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void up(StackLayout layout, StackState state) {
        Optional<ProcessHandle> running = state.runningLauncher();
        if (running.isPresent()) {
            throw new IllegalStateException("a stack is already running (pid " + running.get().pid()
                    + "); stop it with ./genqueue stop");
        }
        stopLeftovers(state);
        StackSettings settings = StackSettings.local(layout, System.getenv());
        requireFreePorts(settings);
        System.out.println("Starting genqueue: PostgreSQL, Kafka, " + (settings.simulated() ? "APIXO simulator, " : "")
                + "api-service, worker-service (logs in " + settings.logDir() + ")");
        Instant begin = Instant.now();
        GenqueueStack stack = new GenqueueStack(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            System.out.println("Stopping genqueue…");
            stack.close();
            state.clear();
            System.out.println("genqueue stopped.");
        }, "genqueue-stop"));
        stack.start();
        state.write(stopOrder(stack));
        Banner.print(stack, Duration.between(begin, Instant.now()), System.out);
        watchStandardInput();
        watchProcesses(stack);
    }

    private static void stop(StackState state) {
        Optional<ProcessHandle> launcher = state.runningLauncher();
        if (launcher.isPresent()) {
            System.out.println("Stopping genqueue (launcher pid " + launcher.get().pid() + ")…");
            if (!StackState.terminate(launcher.get(), LAUNCHER_STOP_TIMEOUT)) {
                System.err.println("the launcher did not stop; killed it");
            }
        }
        if (!stopLeftovers(state) && launcher.isEmpty()) {
            System.out.println("genqueue is not running.");
            return;
        }
        state.clear();
        System.out.println("genqueue stopped.");
    }

    /** Stops processes left behind by a launcher that was killed; true if there were any. */
    private static boolean stopLeftovers(StackState state) {
        List<StackState.Named> leftovers = state.leftovers();
        for (StackState.Named leftover : leftovers) {
            System.out.println("Stopping " + leftover.name() + " (pid " + leftover.handle().pid()
                    + ") left by an earlier run");
            StackState.terminate(leftover.handle(), Duration.ofSeconds(45));
        }
        return !leftovers.isEmpty();
    }

    private static void requireFreePorts(StackSettings settings) {
        Ports.requireFree(settings.apiPort(), "api-service", "GENQUEUE_API_PORT");
        Ports.requireFree(settings.workerPorts().get(0), "worker-service", "GENQUEUE_WORKER_PORT");
        if (settings.simulated()) {
            Ports.requireFree(settings.simulatorPort(), "the APIXO simulator", "GENQUEUE_SIM_PORT");
        }
        Ports.requireFree(settings.kafkaPort(), "Kafka", "GENQUEUE_KAFKA_PORT");
        Ports.requireFree(settings.kafkaControllerPort(), "the Kafka controller", "GENQUEUE_KAFKA_CONTROLLER_PORT");
    }

    private static List<SupervisedProcess> stopOrder(GenqueueStack stack) {
        List<SupervisedProcess> order = new ArrayList<>(stack.services());
        stack.simulator().ifPresent(order::add);
        order.add(stack.kafka());
        return order;
    }

    // "stop" on standard input ends the run; the shutdown hook does the stopping
    private static void watchStandardInput() {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.trim().equalsIgnoreCase("stop")) {
                        System.exit(0);
                    }
                }
            } catch (IOException e) {
                // no usable standard input: Ctrl-C and ./genqueue stop still work
            }
        }, "genqueue-stdin");
        reader.setDaemon(true);
        reader.start();
    }

    // tells the user when a part dies on its own instead of leaving a half-working stack silent
    private static void watchProcesses(GenqueueStack stack) {
        Set<String> reported = new HashSet<>();
        while (!stopping) {
            for (SupervisedProcess process : stack.processes()) {
                if (!process.isRunning() && !stopping && reported.add(process.name())) {
                    System.err.println(process.name() + " exited with code " + process.exitCode() + "; see "
                            + process.logFile());
                }
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
