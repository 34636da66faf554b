package dev.genqueue.stack.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the stack (a broker, the simulator or a service) with a log file, a readiness probe
 * and the life-cycle operations tests need: start, graceful stop, {@code kill -9} and restart on the same
 * ports and data.
 */
public abstract class SupervisedProcess implements AutoCloseable {

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(250);

    private final String name;
    private final Path logFile;
    private volatile Process process;

    protected SupervisedProcess(String name, Path logFile) {
        this.name = name;
        this.logFile = logFile;
    }

    /** The command line, starting with the executable. */
    protected abstract List<String> command();

    /** Whether the started process serves requests yet. */
    protected abstract boolean isReady();

    /** Variables to set (or, with a {@code null} value, remove) in the inherited environment. */
    protected Map<String, String> environment() {
        return Map.of();
    }

    /** How long a start may take before it counts as failed. */
    protected Duration startTimeout() {
        return Duration.ofSeconds(120);
    }

    /** How long a graceful stop may take before the process is killed. */
    protected Duration stopGrace() {
        return Duration.ofSeconds(45);
    }

    /** Work to do before every start, such as writing configuration files. */
    protected void beforeStart() {
    }

    /** Starts the process and waits until it is ready. */
    public void start() {
        launch();
        awaitReady();
    }

    /** Starts the process without waiting; pair with {@link #awaitReady()} to start several at once. */
    public synchronized void launch() {
        if (isRunning()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        beforeStart();
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            // a session of its own: a Ctrl-C in the terminal reaches only the launcher, which stops
            // the processes in order (services before the broker they flush to)
            command.add(SETSID.toString());
        }
        command.addAll(command());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        environment().forEach((key, value) -> {
            if (value == null) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "---- " + name + " starting at " + Instant.now() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /**
     * Waits until the launched process is ready; fails with the end of its log if it dies or times out.
     * Holds no lock, so a stop from another thread (a Ctrl-C during start-up) is not kept waiting.
     */
    public void awaitReady() {
        Process started = process;
        if (started == null) {
            throw new IllegalStateException(name + " was not launched");
        }
        Instant deadline = Instant.now().plus(startTimeout());
        while (!isReady()) {
            if (!started.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + started.exitValue()
                        + " while starting; end of " + logFile + ":\n" + ProcessLogs.tail(logFile, 40));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " not ready after " + startTimeout().toSeconds()
                        + " s; end of " + logFile + ":\n" + ProcessLogs.tail(logFile, 40));
            }
            pause(PROBE_INTERVAL);
        }
    }

    /** Stops gracefully (SIGTERM), killing the process if it outlives {@link #stopGrace()}. */
    public synchronized void stop() {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        running.destroy();
        if (!waitFor(running, stopGrace())) {
            running.destroyForcibly();
            waitFor(running, Duration.ofSeconds(10));
        }
    }

    /** Kills the process at once ({@code kill -9}), as a crash would. */
    public synchronized void kill() {
        Process running = process;
        if (running != null && running.isAlive()) {
            running.destroyForcibly();
            waitFor(running, Duration.ofSeconds(10));
        }
    }

    /** Stops gracefully and starts again with the same settings. */
    public void restart() {
        stop();
        start();
    }

    public boolean isRunning() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /** The operating-system id of the running process, or -1. */
    public long pid() {
        Process running = process;
        return running != null && running.isAlive() ? running.pid() : -1;
    }

    /** Exit code of the last run, or -1 while running or never started. */
    public int exitCode() {
        Process last = process;
        return last == null || last.isAlive() ? -1 : last.exitValue();
    }

    /** A string in the command line that tells this process apart: the jar or configuration file it runs. */
    public String identity() {
        List<String> command = command();
        return command.get(command.size() - 1);
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * The variables to pass to a child: {@code explicit}, and unless {@code inherit} is set, a removal of every
     * inherited variable starting with one of {@code prefixes} so a developer's shell cannot change a test run.
     */
    protected static Map<String, String> overlay(Map<String, String> explicit, boolean inherit, List<String> prefixes) {
        Map<String, String> result = new HashMap<>();
        if (!inherit) {
            System.getenv().keySet().stream()
                    .filter(name -> prefixes.stream().anyMatch(name::startsWith))
                    .forEach(name -> result.put(name, null));
        }
        result.putAll(explicit);
        return result;
    }

    /** The {@code java} executable of the running JVM, so every child runs on the same JDK. */
    protected static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a process", e);
        }
    }
}
