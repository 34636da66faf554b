package dev.genqueue.apixo.simulator.output;

import dev.genqueue.apixo.simulator.task.Task;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Names and bytes of a task's result files: {@code {taskId}_{n}.{ext}}, deterministic per task and index. */
public final class ResultFiles {

    private final Supplier<String> baseUrl;

    /** {@code baseUrl} is read per rendering: it is only known once the server is bound to its port. */
    public ResultFiles(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The download URLs of a successful task, in output order. */
    public List<String> urls(Task task) {
        List<String> urls = new ArrayList<>(task.outputs().size());
        String base = baseUrl.get();
        for (int i = 0; i < task.outputs().size(); i++) {
            urls.add(base + "/files/" + fileName(task.id(), i, task.outputs().get(i)));
        }
        return urls;
    }

    public static String fileName(String taskId, int index, OutputKind kind) {
        return taskId + "_" + index + "." + kind.extension();
    }

    /**
     * The bytes of output {@code index}; the same task and index always give the same bytes, so they are
     * generated once per task (a client downloading many results should not wait on image encoding).
     */
    public static byte[] bytes(Task task, int index) {
        byte[] cached = task.cachedFile(index);
        if (cached == null) {
            cached = generate(task, index);
            task.cacheFile(index, cached);
        }
        return cached;
    }

    private static byte[] generate(Task task, int index) {
        OutputKind kind = task.outputs().get(index);
        byte[] seed = seed(task.contentSeed(), index);
        return switch (kind) {
            case PNG -> ImageBytes.png(seed);
            case JPEG -> ImageBytes.jpeg(seed);
            case MP4 -> MediaBytes.mp4(seed);
            case MP3 -> MediaBytes.mp3(seed, "genqueue track " + (index + 1));
        };
    }

    private static byte[] seed(byte[] contentSeed, int index) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(contentSeed);
            digest.update(("#" + index).getBytes(StandardCharsets.US_ASCII));
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
