package dev.genqueue.stack.kafka;

import dev.genqueue.stack.process.Ports;
import dev.genqueue.stack.process.ProcessLogs;
import dev.genqueue.stack.process.SupervisedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A single-node KRaft Kafka broker in a JVM of its own, run from the jars in {@code stack/target/kafka-libs}.
 * The storage is formatted once; a restart reuses ports and data, so topics and committed offsets survive.
 */
public final class KafkaBroker extends SupervisedProcess {

    private final Settings settings;

    /**
     * @param libs           directory holding the broker's classpath
     * @param dataDir        configuration and log segments; formatted on first start
     * @param logFile        where the broker's output goes
     * @param port           client listener on 127.0.0.1
     * @param controllerPort KRaft controller listener on 127.0.0.1
     * @param partitions     partitions of topics created without an explicit count
     * @param maxHeap        the broker JVM's {@code -Xmx}, e.g. {@code 512m}
     */
    public record Settings(Path libs, Path dataDir, Path logFile, int port, int controllerPort, int partitions,
            String maxHeap) {
    }

    public KafkaBroker(Settings settings) {
        super("kafka", settings.logFile());
        this.settings = settings;
    }

    /** {@code host:port} for clients. */
    public String bootstrapServers() {
        return "127.0.0.1:" + settings.port();
    }

    public Settings settings() {
        return settings;
    }

    /** Creates the topics that do not exist yet, with the given partition counts. */
    public void ensureTopics(Map<String, Integer> partitionsByTopic) {
        try (Admin admin = admin()) {
            for (Map.Entry<String, Integer> topic : partitionsByTopic.entrySet()) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic.getKey(), topic.getValue(), (short) 1)))
                            .all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("topic creation timed out on " + bootstrapServers(), e);
        }
    }

    /** Deletes configuration and data so the next start formats fresh storage. */
    public void wipeData() {
        if (isRunning()) {
            throw new IllegalStateException("stop the broker before wiping its data");
        }
        BrokerFiles.deleteRecursively(settings.dataDir());
    }

    @Override
    protected void beforeStart() {
        BrokerFiles files = new BrokerFiles(settings);
        files.writeConfiguration();
        if (!files.isFormatted()) {
            format(files);
        }
    }

    @Override
    protected List<String> command() {
        BrokerFiles files = new BrokerFiles(settings);
        return List.of(javaExecutable(), "-Xms64m", "-Xmx" + settings.maxHeap(), "-XX:+UseG1GC",
                "-Djava.awt.headless=true", "-Dlog4j2.configurationFile=" + files.log4jConfig(),
                "-cp", settings.libs().resolve("*").toString(), "kafka.Kafka", files.serverProperties().toString());
    }

    @Override
    protected boolean isReady() {
        if (!Ports.isOpen("127.0.0.1", settings.port())) {
            return false;
        }
        try (Admin admin = admin()) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    protected Duration stopGrace() {
        return Duration.ofSeconds(30);
    }

    private void format(BrokerFiles files) {
        List<String> command = List.of(javaExecutable(), "-Xmx256m",
                "-Dlog4j2.configurationFile=" + files.log4jConfig(), "-cp", settings.libs().resolve("*").toString(),
                "kafka.tools.StorageTool", "format", "-t", BrokerFiles.newClusterId(),
                "-c", files.serverProperties().toString());
        try {
            Files.createDirectories(settings.logFile().getParent());
            Process format = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.logFile().toFile())).start();
            if (!format.waitFor(90, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage in " + settings.dataDir() + " failed:\n"
                        + ProcessLogs.tail(settings.logFile(), 20));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the Kafka storage tool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    private Admin admin() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        return Admin.create(config);
    }
}
