package dev.genqueue.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileStorageTest {

    @TempDir
    Path root;

    @Test
    void storesTheBytesWithSizeAndSha256() throws Exception {
        byte[] bytes = "a small png, honestly".getBytes(StandardCharsets.UTF_8);
        UUID job = UUID.randomUUID();

        StoredObject stored = new LocalFileStorage(root, true).store(new OutputKey("tenant-1", job, 0, "png"),
                new ByteArrayInputStream(bytes));

        Path file = Path.of(URI.create(stored.location()));
        assertThat(file).isEqualTo(root.resolve("tenant-1").resolve(job.toString()).resolve("0.png"));
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        assertThat(stored.sizeBytes()).isEqualTo(bytes.length);
        assertThat(stored.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    @Test
    void storingAgainReplacesTheCopyAndLeavesNoTemporaryFiles() throws Exception {
        LocalFileStorage storage = new LocalFileStorage(root, false);
        OutputKey key = new OutputKey("t", UUID.randomUUID(), 1, "mp4");

        storage.store(key, new ByteArrayInputStream(new byte[]{1, 2, 3}));
        StoredObject second = storage.store(key, new ByteArrayInputStream(new byte[]{4, 5}));

        Path file = Path.of(URI.create(second.location()));
        assertThat(Files.readAllBytes(file)).containsExactly(4, 5);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void tenantIdCannotEscapeItsDirectory() throws Exception {
        StoredObject stored = new LocalFileStorage(root, false).store(new OutputKey("a/../../etc", UUID.randomUUID(), 0,
                "png"), new ByteArrayInputStream(new byte[]{1}));

        Path file = Path.of(URI.create(stored.location())).normalize();
        assertThat(file.startsWith(root)).isTrue();
        assertThat(root.relativize(file).getNameCount()).isEqualTo(3);
        assertThat(LocalFileStorage.segment(".hidden")).doesNotStartWith(".");
    }

    @Test
    void failedStreamLeavesNothingBehind() throws Exception {
        LocalFileStorage storage = new LocalFileStorage(root, false);
        OutputKey key = new OutputKey("t", UUID.randomUUID(), 0, "png");
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };

        assertThatThrownBy(() -> storage.store(key, broken)).isInstanceOf(IOException.class);
        try (Stream<Path> files = Files.list(root.resolve("t").resolve(key.jobId().toString()))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void keyRefusesUnsafeExtensions() {
        assertThatThrownBy(() -> new OutputKey("t", UUID.randomUUID(), 0, "../png"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
