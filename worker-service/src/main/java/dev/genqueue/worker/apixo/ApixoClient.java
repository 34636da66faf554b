package dev.genqueue.worker.apixo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.common.contract.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

/**
 * The one door to APIXO: submits and status queries over a pooled keep-alive connection, answered as
 * {@link SubmitOutcome}/{@link StatusOutcome} values. Every call is logged on one INFO line (model, task,
 * job, HTTP status, duration) and timed per endpoint and outcome; the key is never logged.
 */
@ApplicationScoped
public class ApixoClient {

    private static final Logger LOG = Logger.getLogger(ApixoClient.class);
    private static final String NO_STATUS = "-";

    private final ApixoApi api;
    private final String authorization;
    private final MeterRegistry registry;

    ApixoClient(ApixoConfig config, MeterRegistry registry) {
        this.registry = registry;
        this.authorization = "Bearer " + config.apiKey().orElse("");
        if (config.apiKey().isEmpty()) {
            LOG.warn("No APIXO key configured (APIXO_API_KEY); every call will be refused with 401");
        }
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(config.baseUrl()))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .property(QuarkusRestClientProperties.CONNECTION_POOL_SIZE, config.poolSize())
                .property(QuarkusRestClientProperties.CONNECTION_TTL, (int) config.connectionTtl().toSeconds())
                .property(QuarkusRestClientProperties.KEEP_ALIVE_ENABLED, true)
                // every status is an answer to translate, not an exception
                .disableDefaultMapper(true)
                .followRedirects(false)
                .build(ApixoApi.class);
    }

    /** Creates a task; never completes exceptionally. */
    public CompletionStage<SubmitOutcome> submit(SubmitRequest request) {
        ObjectNode body = Json.mapper().createObjectNode();
        if (request.callbackUrl() == null) {
            body.put("request_type", "async");
        } else {
            body.put("request_type", "callback");
            body.put("callback_url", request.callbackUrl());
        }
        body.set("input", request.input());
        long start = System.nanoTime();
        return call(() -> api.generateTask(request.model(), authorization, body.toString()),
                response -> ApixoResponses.submit(response.getStatus(), entity(response),
                        response.getHeaderString("Retry-After")),
                ApixoResponses::submitFailure)
                .thenApply(answer -> {
                    String taskId = answer.outcome() instanceof SubmitOutcome.Accepted accepted ? accepted.taskId() : NO_STATUS;
                    record("submit", request.model(), taskId, request.jobId(), answer, answer.outcome().label(), start);
                    return answer.outcome();
                });
    }

    /** Queries a task; never completes exceptionally. */
    public CompletionStage<StatusOutcome> status(String model, String taskId, UUID jobId) {
        long start = System.nanoTime();
        return call(() -> api.statusTask(model, taskId, authorization),
                response -> ApixoResponses.status(response.getStatus(), entity(response),
                        response.getHeaderString("Retry-After")),
                ApixoResponses::statusFailure)
                .thenApply(answer -> {
                    record("status", model, taskId, jobId, answer, answer.outcome().label(), start);
                    return answer.outcome();
                });
    }

    private <T> CompletionStage<Answer<T>> call(Supplier<CompletionStage<Response>> request,
            Function<Response, T> onResponse, Function<Throwable, T> onFailure) {
        CompletionStage<Response> sent;
        try {
            sent = request.get();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new Answer<>(onFailure.apply(e), NO_STATUS));
        }
        return sent.handle((response, error) -> {
            if (error != null) {
                return new Answer<>(onFailure.apply(error), NO_STATUS);
            }
            try {
                return new Answer<>(onResponse.apply(response), String.valueOf(response.getStatus()));
            } finally {
                response.close();
            }
        });
    }

    private void record(String endpoint, String model, String taskId, UUID jobId, Answer<?> answer, String outcome,
            long startNanos) {
        long nanos = System.nanoTime() - startNanos;
        LOG.infof("apixo %s model=%s task=%s job=%s http=%s outcome=%s duration_ms=%d", endpoint, model, taskId,
                jobId, answer.httpStatus(), outcome, TimeUnit.NANOSECONDS.toMillis(nanos));
        Timer.builder("genqueue.apixo.calls")
                .description("APIXO API calls by endpoint and outcome")
                .tag("endpoint", endpoint)
                .tag("outcome", outcome)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private static String entity(Response response) {
        return response.hasEntity() ? response.readEntity(String.class) : null;
    }

    private record Answer<T>(T outcome, String httpStatus) {
    }
}
