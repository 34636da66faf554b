package dev.genqueue.apixo.simulator.callback;

import dev.genqueue.apixo.simulator.SimulatorConfig;
import dev.genqueue.apixo.simulator.api.TaskPayloads;
import dev.genqueue.apixo.simulator.fault.CallbackFault;
import dev.genqueue.apixo.simulator.stats.CallbackCounters;
import dev.genqueue.apixo.simulator.task.Task;
import dev.genqueue.apixo.simulator.task.TaskState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.PoolOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Delivers the terminal payload of callback tasks: a timer fires at completion, only HTTP 200 within the
 * timeout counts, failed deliveries are retried after the configured delays (scaled by the time factor)
 * and abandoned after the last one. Injected faults drop, delay, duplicate or follow up with stale payloads.
 */
public final class CallbackDispatcher {

    private final Vertx vertx;
    private final SimulatorConfig config;
    private final TaskPayloads payloads;
    private final CallbackCounters counters;
    private final HttpClient client;

    public CallbackDispatcher(Vertx vertx, SimulatorConfig config, TaskPayloads payloads, CallbackCounters counters) {
        this.vertx = vertx;
        this.config = config;
        this.payloads = payloads;
        this.counters = counters;
        // the simulator is a local test double: accept the self-signed certificates of local HTTPS receivers
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setTrustAll(true)
                .setVerifyHost(false)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.callbackTimeout().toMillis()))
                .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(64));
    }

    /** Arms the first delivery of a callback task submitted at {@code now}. */
    public void schedule(Task task, long now) {
        if (task.callbackUrl() == null || task.completeAt() == Task.NEVER) {
            return;
        }
        long extra = fault(task, CallbackFault.Kind.DELAY).map(f -> config.scaled(f.delay().toMillis())).orElse(0L);
        long delay = Math.max(1, task.completeAt() - now + extra);
        vertx.setTimer(delay, id -> {
            if (fault(task, CallbackFault.Kind.DROP).isPresent()) {
                counters.lost();
            } else {
                attempt(task, 1);
            }
        });
    }

    private void attempt(Task task, int attempt) {
        byte[] body = payloads.envelope(task, task.outcome().state());
        post(task, body).onComplete(result -> {
            if (Boolean.TRUE.equals(result.result())) {
                task.callbackAcks().incrementAndGet();
                counters.acknowledged();
                afterAcknowledged(task, body);
                return;
            }
            counters.failedAttempt();
            List<Duration> retries = config.callbackRetryDelays();
            if (attempt > retries.size()) {
                counters.abandoned();
                return;
            }
            long delay = Math.max(1, config.scaled(retries.get(attempt - 1).toMillis()));
            vertx.setTimer(delay, id -> attempt(task, attempt + 1));
        });
    }

    // extra copies and the stale payload go out one after the other once the first copy was acknowledged
    private void afterAcknowledged(Task task, byte[] body) {
        int copies = fault(task, CallbackFault.Kind.DUPLICATE).map(CallbackFault::copies).orElse(1);
        Future<Boolean> chain = Future.succeededFuture(true);
        for (int copy = 1; copy < copies; copy++) {
            chain = chain.compose(previous -> {
                counters.duplicateSent();
                return countAcks(task, post(task, body));
            });
        }
        if (fault(task, CallbackFault.Kind.STALE).isPresent()) {
            chain.compose(previous -> {
                counters.staleSent();
                return post(task, payloads.envelope(task, TaskState.PROCESSING));
            });
        }
    }

    private Future<Boolean> countAcks(Task task, Future<Boolean> delivery) {
        return delivery.map(acknowledged -> {
            if (acknowledged) {
                task.callbackAcks().incrementAndGet();
                counters.acknowledged();
            } else {
                counters.failedAttempt();
            }
            return acknowledged;
        });
    }

    /** One POST; completes with whether the receiver answered 200 within the timeout (never fails). */
    private Future<Boolean> post(Task task, byte[] body) {
        counters.attempted();
        task.callbackAttempts().incrementAndGet();
        long timeout = config.callbackTimeout().toMillis();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(task.callbackUrl())
                .setIdleTimeout(timeout)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.USER_AGENT, "apixo-simulator");
        long started = System.currentTimeMillis();
        return client.request(options)
                .compose(request -> request.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .map(status -> status == 200 && System.currentTimeMillis() - started <= timeout)
                .otherwise(false);
    }

    private static Optional<CallbackFault> fault(Task task, CallbackFault.Kind kind) {
        return task.callbackFaults().stream().filter(fault -> fault.kind() == kind).findFirst();
    }

    public void close() {
        client.close();
    }
}
