package dev.genqueue.stack;

import dev.genqueue.stack.process.SupervisedProcess;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The running local stack as seen from another terminal: {@code .genqueue/stack.pid} names the launcher and
 * the processes it started, so {@code ./genqueue stop} can stop it, and can still clean up its processes if
 * the launcher itself was killed.
 */
public final class StackState {

    private static final String LAUNCHER = "launcher";
    /** The launcher runs as {@code genqueue-stack.jar} or, from an IDE, as its main class. */
    private static final List<String> LAUNCHER_MARKS = List.of("genqueue-stack", LocalStack.class.getName());

    private final Path file;

    public StackState(Path stateDir) {
        this.file = stateDir.resolve("stack.pid");
    }

    /** Records this launcher and its processes, services first (the order to stop them in). */
    public void write(List<SupervisedProcess> stopOrder) {
        Properties state = new Properties();
        state.setProperty(LAUNCHER, Long.toString(ProcessHandle.current().pid()));
        for (int i = 0; i < stopOrder.size(); i++) {
            SupervisedProcess process = stopOrder.get(i);
            state.setProperty("process." + i, process.pid() + " " + process.name() + " " + process.identity());
        }
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                state.store(out, "the running genqueue stack");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale file is recognised by its dead launcher
        }
    }

    /** The launcher of a running stack, if one is running. */
    public Optional<ProcessHandle> runningLauncher() {
        return read().flatMap(state -> Optional.ofNullable(state.getProperty(LAUNCHER)))
                .flatMap(pid -> alive(pid, LAUNCHER_MARKS));
    }

    /** Processes of a stack whose launcher is gone, in stop order. */
    public List<Named> leftovers() {
        List<Named> found = new ArrayList<>();
        Properties state = read().orElseGet(Properties::new);
        for (int i = 0; state.containsKey("process." + i); i++) {
            String[] entry = state.getProperty("process." + i).split(" ", 3);
            if (entry.length == 3) {
                alive(entry[0], List.of(entry[2])).ifPresent(handle -> found.add(new Named(entry[1], handle)));
            }
        }
        return found;
    }

    /** Stops a process by SIGTERM, killing it after {@code grace}; true when it is gone. */
    public static boolean terminate(ProcessHandle process, Duration grace) {
        process.destroy();
        if (awaitExit(process, grace)) {
            return true;
        }
        process.destroyForcibly();
        return awaitExit(process, Duration.ofSeconds(10));
    }

    /** A process found through the state file. */
    public record Named(String name, ProcessHandle handle) {
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    // a pid is only trusted when its command line still names what we started (pids are reused)
    private static Optional<ProcessHandle> alive(String pid, List<String> marks) {
        try {
            return ProcessHandle.of(Long.parseLong(pid.trim()))
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info().commandLine().map(line -> marks.stream().anyMatch(line::contains)).orElse(false));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Optional<Properties> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties state = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            state.load(in);
            return Optional.of(state);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
