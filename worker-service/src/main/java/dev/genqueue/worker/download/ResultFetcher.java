package dev.genqueue.worker.download;

import dev.genqueue.common.contract.StoredOutput;
import dev.genqueue.common.failure.ApixoCall;
import dev.genqueue.common.failure.FailureClass;
import dev.genqueue.common.failure.FailureClassification;
import dev.genqueue.worker.config.WorkerConfig;
import dev.genqueue.worker.job.ClaimedJob;
import dev.genqueue.worker.metrics.WorkerMetrics;
import dev.genqueue.worker.storage.OutputKey;
import dev.genqueue.worker.storage.OutputStorage;
import dev.genqueue.worker.storage.StoredObject;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Streams result files into {@link OutputStorage} over one pooled keep-alive HTTP client, on a bounded pool of
 * download threads. A watchdog interrupts a download that outlives its time budget, so a stalled body cannot
 * hold a thread for ever.
 */
@ApplicationScoped
public class ResultFetcher {

    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,8}");
    private static final Map<String, String> EXTENSIONS = Map.of(
            "image/png", "png", "image/jpeg", "jpg", "image/webp", "webp", "image/gif", "gif",
            "video/mp4", "mp4", "video/webm", "webm", "audio/mpeg", "mp3", "audio/wav", "wav",
            "audio/x-wav", "wav", "audio/mp4", "m4a");

    private final OutputStorage storage;
    private final WorkerMetrics metrics;
    private final WorkerConfig.Download config;
    private final HttpClient http;
    private final ExecutorService downloads;
    private final ScheduledExecutorService watchdog;

    ResultFetcher(OutputStorage storage, WorkerMetrics metrics, WorkerConfig config) {
        this.storage = storage;
        this.metrics = metrics;
        this.config = config.download();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(this.config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        AtomicInteger number = new AtomicInteger();
        this.downloads = Executors.newFixedThreadPool(this.config.threads(), task -> daemon(task,
                "genqueue-download-" + number.incrementAndGet()));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "genqueue-download-watchdog"));
    }

    /** Copies every URL of a job, in order; never completes exceptionally. */
    public CompletionStage<FetchResult> fetch(ClaimedJob job, List<String> urls) {
        CompletableFuture<FetchResult> result = new CompletableFuture<>();
        Future<?> work = downloads.submit(() -> {
            try {
                result.complete(fetchAll(job, urls));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        long budget = config.timeout().toMillis() * Math.max(1, urls.size());
        ScheduledFuture<?> guard = watchdog.schedule(() -> {
            // interrupts a running download; completes the result itself if the work never started
            if (work.cancel(true)) {
                result.complete(new FetchResult.Transient("download exceeded " + budget + " ms"));
            }
        }, budget, TimeUnit.MILLISECONDS);
        result.whenComplete((done, error) -> guard.cancel(false));
        return result;
    }

    @PreDestroy
    void close() {
        watchdog.shutdownNow();
        downloads.shutdownNow();
    }

    private FetchResult fetchAll(ClaimedJob job, List<String> urls) {
        List<StoredOutput> outputs = new ArrayList<>(urls.size());
        for (int index = 0; index < urls.size(); index++) {
            long start = System.nanoTime();
            Object one = fetchOne(job, index, urls.get(index));
            String outcome = one instanceof StoredOutput ? "stored"
                    : one instanceof FetchResult.Permanent ? "permanent"
                    : one instanceof FetchResult.AccountRefused ? "account_refused" : "transient";
            metrics.download(outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            if (!(one instanceof StoredOutput stored)) {
                return (FetchResult) one;
            }
            outputs.add(stored);
        }
        return new FetchResult.Stored(outputs);
    }

    // a StoredOutput, or the FetchResult that ends the job's downloads for now
    private Object fetchOne(ClaimedJob job, int index, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new FetchResult.Permanent("OUTPUT_URL_INVALID", "output " + index + " has an invalid URL");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            return new FetchResult.Permanent("OUTPUT_URL_INVALID", "output " + index + " is not an http(s) URL");
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.timeout()).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                return onResponse(job, index, url, response, body);
            }
        } catch (IOException e) {
            return new FetchResult.Transient("output " + index + ": " + e.getClass().getSimpleName() + " "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FetchResult.Transient("output " + index + ": download interrupted");
        }
    }

    private Object onResponse(ClaimedJob job, int index, String url, HttpResponse<InputStream> response,
            InputStream body) throws IOException {
        int status = response.statusCode();
        if (status != 200) {
            FailureClass failure = FailureClassification.ofHttpStatus(status, ApixoCall.DOWNLOAD);
            String detail = "HTTP " + status + " for output " + index;
            return switch (failure.action()) {
                case FAIL -> new FetchResult.Permanent(failure.reasonCode(),
                        failure.userMessage() + " (" + detail + ")");
                case PAUSE -> new FetchResult.AccountRefused(status, failure.userMessage() + " (" + detail + ")");
                case RETRY -> new FetchResult.Transient(detail);
            };
        }
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        StoredObject stored = storage.store(
                new OutputKey(job.tenantId(), job.id(), index, extension(response.uri(), contentType)), body);
        long expected = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (expected >= 0 && expected != stored.sizeBytes()) {
            return new FetchResult.Transient("output " + index + " truncated: " + stored.sizeBytes() + " of "
                    + expected + " bytes");
        }
        metrics.downloaded(stored.sizeBytes());
        return new StoredOutput(url, stored.location(), stored.sizeBytes(), stored.sha256(), contentType);
    }

    /** The file extension: from the URL's last path segment, else from the content type, else {@code bin}. */
    static String extension(URI uri, String contentType) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot >= 0) {
            String candidate = name.substring(dot + 1).toLowerCase(Locale.ROOT);
            if (EXTENSION.matcher(candidate).matches()) {
                return candidate;
            }
        }
        if (contentType != null) {
            String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            return EXTENSIONS.getOrDefault(type, "bin");
        }
        return "bin";
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
