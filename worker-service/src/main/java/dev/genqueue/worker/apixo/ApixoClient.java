package dev.genqueue.worker.apixo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.common.contract.Json;
import dev.genqueue.common.failure.ApixoCall;
import dev.genqueue.worker.metrics.WorkerMetrics;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

/**
 * The one door to APIXO: submits and status queries over a pooled keep-alive connection, answered as
 * {@link SubmitOutcome}/{@link StatusOutcome} values. Every call is logged on one INFO line (model, task,
 * job, HTTP status, duration) and timed per endpoint and outcome; the key is never logged. What each call says about
 * APIXO's health (answered, rate limited, unavailable) goes to every {@link ApixoCallObserver}. At most
 * {@code pool-size} calls are in flight; the others wait their turn before the client's timeouts start.
 */
@ApplicationScoped
public class ApixoClient {

    private static final Logger LOG = Logger.getLogger(ApixoClient.class);
    private static final String NO_STATUS = "-";

    private final ApixoApi api;
    private final String authorization;
    private final WorkerMetrics metrics;
    private final List<ApixoCallObserver> observers;
    private final CallLimiter limiter;

    ApixoClient(ApixoConfig config, WorkerMetrics metrics, @Any Instance<ApixoCallObserver> observers) {
        this.metrics = metrics;
        this.observers = observers.stream().toList();
        this.limiter = new CallLimiter(config.poolSize());
        metrics.gauge("genqueue.apixo.calls.in_flight", "APIXO calls sent and not answered yet", limiter::inFlight);
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
        return call(ApixoCall.SUBMIT, () -> api.generateTask(request.model(), authorization, body.toString()),
                raw -> ApixoResponses.submit(raw.status(), raw.body(), raw.retryAfter()),
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
        return call(ApixoCall.STATUS, () -> api.statusTask(model, taskId, authorization),
                raw -> ApixoResponses.status(raw.status(), raw.body(), raw.retryAfter()),
                ApixoResponses::statusFailure)
                .thenApply(answer -> {
                    record("status", model, taskId, jobId, answer, answer.outcome().label(), start);
                    return answer.outcome();
                });
    }

    /** Reads the account's balance (which also proves the key is accepted); never completes exceptionally. */
    public CompletionStage<BalanceOutcome> balance() {
        long start = System.nanoTime();
        return call(ApixoCall.BALANCE, () -> api.currentBalance(authorization),
                raw -> ApixoResponses.balance(raw.status(), raw.body()),
                ApixoResponses::balanceFailure)
                .thenApply(answer -> {
                    record("balance", NO_STATUS, NO_STATUS, null, answer, answer.outcome().label(), start);
                    return answer.outcome();
                });
    }

    private <T> CompletionStage<Answer<T>> call(ApixoCall endpoint, Supplier<CompletionStage<Response>> request,
            Function<Raw, T> onResponse, Function<Throwable, T> onFailure) {
        // one call per pooled connection: a request that waits, waits here, before the client's timeout starts
        return limiter.run(request).handle((response, error) -> {
            if (error != null) {
                observe(endpoint, CallSignal.UNAVAILABLE, null);
                return new Answer<>(onFailure.apply(error), NO_STATUS);
            }
            try {
                Raw raw = new Raw(response.getStatus(), entity(response), response.getHeaderString("Retry-After"));
                observe(endpoint, ApixoResponses.signal(raw.status(), raw.body()),
                        ApixoResponses.retryAfter(raw.retryAfter()));
                return new Answer<>(onResponse.apply(raw), String.valueOf(raw.status()));
            } finally {
                response.close();
            }
        });
    }

    private void observe(ApixoCall endpoint, CallSignal signal, Duration retryAfter) {
        for (ApixoCallObserver observer : observers) {
            try {
                observer.observe(endpoint, signal, retryAfter);
            } catch (RuntimeException e) {
                LOG.warnf("an APIXO call observer failed: %s", e.getMessage());
            }
        }
    }

    private void record(String endpoint, String model, String taskId, UUID jobId, Answer<?> answer, String outcome,
            long startNanos) {
        long nanos = System.nanoTime() - startNanos;
        LOG.infof("apixo %s model=%s task=%s job=%s http=%s outcome=%s duration_ms=%d", endpoint, model, taskId,
                jobId, answer.httpStatus(), outcome, TimeUnit.NANOSECONDS.toMillis(nanos));
        metrics.apixoCall(endpoint, outcome, nanos);
    }

    private static String entity(Response response) {
        return response.hasEntity() ? response.readEntity(String.class) : null;
    }

    private record Answer<T>(T outcome, String httpStatus) {
    }

    /** An HTTP answer, read once. */
    private record Raw(int status, String body, String retryAfter) {
    }
}
