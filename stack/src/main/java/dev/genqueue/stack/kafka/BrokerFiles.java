package dev.genqueue.stack.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/** The files of a broker's data directory: {@code server.properties}, the log4j configuration, the log dirs. */
final class BrokerFiles {

    private final KafkaBroker.Settings settings;

    BrokerFiles(KafkaBroker.Settings settings) {
        this.settings = settings;
    }

    Path serverProperties() {
        return settings.dataDir().resolve("server.properties");
    }

    Path log4jConfig() {
        return settings.dataDir().resolve("log4j2.properties");
    }

    /** A formatted log directory holds {@code meta.properties}. */
    boolean isFormatted() {
        return Files.exists(logDir().resolve("meta.properties"));
    }

    /** Writes both configuration files; ports may change between runs, the data stays. */
    void writeConfiguration() {
        String listener = "127.0.0.1:" + settings.port();
        String controller = "127.0.0.1:" + settings.controllerPort();
        String server = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + controller,
                "listeners=PLAINTEXT://" + listener + ",CONTROLLER://" + controller,
                "advertised.listeners=PLAINTEXT://" + listener,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDir(),
                "num.partitions=" + settings.partitions(),
                "auto.create.topics.enable=true",
                // a single node: every internal topic has one replica
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // after a kill -9 the restarted node waits out its own old session before leading again
                "broker.heartbeat.interval.ms=500",
                "broker.session.timeout.ms=3000",
                // the default dedupe buffer pins 128 MB of heap for a cleaner that compacts a few offsets
                "log.cleaner.dedupe.buffer.size=8388608",
                "");
        String log4j = String.join("\n",
                "status = warn",
                // console output only: nothing to flush at exit, and no warning about a late shutdown hook
                "shutdownHook = disable",
                "appender.out.type = Console",
                "appender.out.name = out",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = info",
                "rootLogger.appenderRef.out.ref = out",
                // the full configuration dump adds about 1,300 lines per start
                "logger.config.name = org.apache.kafka.common.config.AbstractConfig",
                "logger.config.level = warn",
                "");
        try {
            Files.createDirectories(settings.dataDir());
            Files.writeString(serverProperties(), server, StandardCharsets.UTF_8);
            Files.writeString(log4jConfig(), log4j, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker configuration to " + settings.dataDir(), e);
        }
    }

    /** A random cluster id in Kafka's format (URL-safe base64 of 16 bytes, never starting with '-'). */
    static String newClusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    private Path logDir() {
        return settings.dataDir().resolve("logs");
    }
}
