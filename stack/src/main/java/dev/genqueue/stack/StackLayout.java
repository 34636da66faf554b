package dev.genqueue.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Where the packaged pieces of the stack live in a genqueue checkout. */
public record StackLayout(Path root) {

    /** The system property that names the checkout, for JVMs started elsewhere (e.g. a test module). */
    public static final String ROOT_PROPERTY = "genqueue.root";

    public StackLayout {
        root = root.toAbsolutePath().normalize();
    }

    /** The checkout named by {@value #ROOT_PROPERTY}, else the nearest directory upwards holding {@code stack/}. */
    public static StackLayout discover() {
        String configured = System.getProperty(ROOT_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return new StackLayout(Path.of(configured));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("stack")) && Files.exists(dir.resolve("pom.xml"))) {
                return new StackLayout(dir);
            }
        }
        throw new IllegalStateException("cannot find the genqueue checkout from " + Path.of("").toAbsolutePath()
                + "; run from inside it or set -D" + ROOT_PROPERTY);
    }

    public Path kafkaLibs() {
        return root.resolve("stack/target/kafka-libs");
    }

    public Path apiServiceJar() {
        return root.resolve("api-service/target/quarkus-app/quarkus-run.jar");
    }

    public Path workerServiceJar() {
        return root.resolve("worker-service/target/quarkus-app/quarkus-run.jar");
    }

    /** The simulator's runnable jar, whatever the project version. */
    public Path simulatorJar() {
        Path target = root.resolve("apixo-simulator/target");
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                Optional<Path> runner = files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst();
                if (runner.isPresent()) {
                    return runner.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return target.resolve("apixo-simulator-runner.jar");
    }

    /** Fails naming every missing artifact and the build command that produces them. */
    public void requireArtifacts(boolean simulator) {
        List<Path> required = new ArrayList<>(List.of(kafkaLibs(), apiServiceJar(), workerServiceJar()));
        if (simulator) {
            required.add(simulatorJar());
        }
        List<Path> missing = required.stream().filter(path -> !Files.exists(path)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("not built yet: " + missing.stream().map(root::relativize).toList()
                    + "; run mvn -B install -DskipTests in " + root);
        }
    }
}
