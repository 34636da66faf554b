package dev.genqueue.system;

import dev.genqueue.stack.GenqueueStack;
import dev.genqueue.stack.StackLayout;
import dev.genqueue.stack.StackSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the packaged system once per test run and shares it between test classes: PostgreSQL database
 * {@code genqueue_system_test} (recreated), a Kafka broker JVM, the simulator and both services, all on
 * free ports so a local stack may run at the same time. Stopped when the run ends.
 */
public final class SystemStack implements BeforeAllCallback {

    /** Simulated APIXO durations: a 2-minute video renders in about a second. */
    static final double SIMULATOR_TIME_FACTOR = 0.01;
    /** The worker's poll schedule, kept looser than the simulator so no task outlives its model's max wait. */
    static final double POLL_TIME_SCALE = 0.05;
    private static final String DATABASE = "genqueue_system_test";

    private static GenqueueStack stack;

    /** The running stack; only valid inside a class extended with this extension. */
    static GenqueueStack stack() {
        if (stack == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(SystemStack.class)");
        }
        return stack;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SystemStack.class, key -> start(), Running.class);
    }

    private static Running start() {
        StackLayout layout = StackLayout.discover();
        Workspace workspace = Workspace.claim(layout.root().resolve("system-tests/target"));
        StackSettings settings = StackSettings.isolated(layout, workspace.stateDir(), workspace.database(), 1)
                .timeFactors(SIMULATOR_TIME_FACTOR, POLL_TIME_SCALE)
                .simulatorEnv("APIXO_SIM_SEED", "42")
                .build();
        GenqueueStack started = new GenqueueStack(settings);
        // also on an aborted run (Ctrl-C, fork timeout): no process of the stack may outlive the test JVM
        Thread hook = new Thread(started::close, "system-stack-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        stack = started.start();
        return new Running(started, hook, workspace);
    }

    /**
     * Where a run keeps its state and data. The first run in a checkout takes {@code target/system-stack} and
     * {@value #DATABASE}; a run started while that one is active (a second terminal, a teammate on the same
     * machine) gets a directory and database of its own instead of wiping the other's.
     */
    private record Workspace(Path stateDir, String database, boolean dropDatabaseAfter, FileChannel lock) {

        static Workspace claim(Path target) {
            try {
                Files.createDirectories(target);
                FileChannel channel = FileChannel.open(target.resolve("system-stack.lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new Workspace(target.resolve("system-stack"), DATABASE, false, channel);
                }
                channel.close();
                long pid = ProcessHandle.current().pid();
                return new Workspace(target.resolve("system-stack-" + pid), DATABASE + "_" + pid, true, null);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot claim a system-test workspace in " + target, e);
            }
        }

        void release(GenqueueStack stack) {
            try {
                if (dropDatabaseAfter && !stack.postgres().isEmbedded()) {
                    stack.postgres().dropDatabase(database);
                }
                if (lock != null) {
                    lock.close();
                }
            } catch (IOException e) {
                // the lock goes with the JVM anyway
            }
        }
    }

    /** Closes the stack when the test run's root context closes. */
    private record Running(GenqueueStack stack, Thread hook, Workspace workspace)
            implements AutoCloseable, ExtensionContext.Store.CloseableResource {

        @Override
        public void close() {
            stack.close();
            workspace.release(stack);
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }
}
