package dev.genqueue.bench.scenario;

import dev.genqueue.bench.load.BenchRequests;
import dev.genqueue.bench.load.RequestProducer;
import dev.genqueue.bench.load.ResultStream;
import dev.genqueue.bench.probe.Profiler;
import dev.genqueue.bench.stack.BenchStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What scenarios share: the stack, a request producer and the result stream (both connected once), the sizes,
 * a work directory, the optional profiler, and what earlier scenarios found out (the pipeline's throughput).
 */
public final class BenchContext {

    private final BenchStack stack;
    private final Sizes sizes;
    private final RequestProducer producer;
    private final ResultStream results;
    private final BenchRequests requests = new BenchRequests();
    private final Path workDir;
    private final Profiler profiler;
    private OptionalDouble pipelineJobsPerSecond = OptionalDouble.empty();

    public BenchContext(BenchStack stack, Sizes sizes, Path workDir, Profiler profiler) {
        this.stack = stack;
        this.sizes = sizes;
        this.workDir = workDir;
        this.profiler = profiler;
        this.producer = new RequestProducer(stack.kafkaBootstrapServers());
        this.results = new ResultStream(stack.kafkaBootstrapServers());
    }

    public BenchStack stack() {
        return stack;
    }

    public Sizes sizes() {
        return sizes;
    }

    public RequestProducer producer() {
        return producer;
    }

    public ResultStream results() {
        return results;
    }

    public BenchRequests requests() {
        return requests;
    }

    public Path workDir() {
        return workDir;
    }

    /** The profiler, when the run was asked to profile ({@code --profile}). */
    public Optional<Profiler> profiler() {
        return Optional.ofNullable(profiler);
    }

    public OptionalDouble pipelineJobsPerSecond() {
        return pipelineJobsPerSecond;
    }

    public void pipelineJobsPerSecond(double value) {
        pipelineJobsPerSecond = OptionalDouble.of(value);
    }

    /** A generous bound for {@code jobs} to finish at a slow rate, so a stuck run ends with numbers. */
    public static Duration patience(int jobs, Duration extra) {
        return Duration.ofSeconds(60 + jobs / 50).plus(extra);
    }

    /** Progress on the console, one line. */
    public static void log(String message) {
        System.out.println("[bench " + LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] "
                + message);
    }

    public void close() {
        results.close();
        producer.close();
    }
}
