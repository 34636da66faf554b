package dev.genqueue.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker's generated files: a KRaft single node on loopback, and cluster ids Kafka accepts. */
class BrokerFilesTest {

    @Test
    void clusterIdsAreTwentyTwoUrlSafeCharactersNotStartingWithADash() {
        for (int i = 0; i < 1000; i++) {
            assertThat(BrokerFiles.newClusterId()).matches("[A-Za-z0-9_][A-Za-z0-9_-]{21}");
        }
    }

    @Test
    void configurationDescribesASingleKraftNodeOnLoopback(@TempDir Path dir) throws Exception {
        BrokerFiles files = new BrokerFiles(new KafkaBroker.Settings(dir.resolve("libs"), dir.resolve("data"),
                dir.resolve("kafka.log"), 19092, 19093, 6, "256m"));

        files.writeConfiguration();

        String server = Files.readString(files.serverProperties());
        assertThat(server).contains("process.roles=broker,controller", "controller.quorum.voters=1@127.0.0.1:19093",
                "listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093",
                "advertised.listeners=PLAINTEXT://127.0.0.1:19092", "num.partitions=6",
                "offsets.topic.replication.factor=1", "log.dirs=" + dir.resolve("data/logs"));
        assertThat(files.log4jConfig()).exists();
        assertThat(files.isFormatted()).isFalse();
    }
}
