package dev.genqueue.worker.storage;

import dev.genqueue.worker.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Outputs as files under {@code genqueue.worker.storage.directory}: written to a temporary file in the target
 * directory, optionally forced to disk, then atomically renamed, so a reader (or a re-download after a crash)
 * only ever sees whole files. The tenant id is percent-encoded into one path segment.
 */
@ApplicationScoped
public class LocalFileStorage implements OutputStorage {

    private static final int BUFFER = 64 * 1024;

    private final Path root;
    private final boolean fsync;

    @Inject
    LocalFileStorage(WorkerConfig config) {
        this(config.storage().directory(), config.storage().fsync());
    }

    public LocalFileStorage(Path root, boolean fsync) {
        this.root = root.toAbsolutePath().normalize();
        this.fsync = fsync;
    }

    @Override
    public StoredObject store(OutputKey key, InputStream content) throws IOException {
        Path directory = root.resolve(segment(key.tenantId())).resolve(key.jobId().toString());
        Files.createDirectories(directory);
        Path target = directory.resolve(key.index() + "." + key.extension());
        Path temp = Files.createTempFile(directory, "." + key.index() + "-", ".part");
        try {
            MessageDigest sha256 = sha256();
            long size = 0;
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[BUFFER];
                for (int read; (read = content.read(buffer)) != -1; ) {
                    sha256.update(buffer, 0, read);
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                    size += read;
                }
                if (fsync) {
                    out.force(true);
                }
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new StoredObject(target.toUri().toString(), size, HexFormat.of().formatHex(sha256.digest()));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The root directory outputs are stored under. */
    public Path root() {
        return root;
    }

    // percent-encoding keeps '/' and '..' of a tenant id from ever leaving its own directory
    static String segment(String tenantId) {
        String encoded = URLEncoder.encode(tenantId, StandardCharsets.UTF_8).replace("*", "%2A");
        return encoded.startsWith(".") ? "%2E" + encoded.substring(1) : encoded;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
