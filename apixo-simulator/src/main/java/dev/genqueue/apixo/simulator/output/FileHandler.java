package dev.genqueue.apixo.simulator.output;

import dev.genqueue.apixo.simulator.fault.Endpoint;
import dev.genqueue.apixo.simulator.fault.FaultEffect;
import dev.genqueue.apixo.simulator.fault.FaultRegistry;
import dev.genqueue.apixo.simulator.stats.StatsRecorder;
import dev.genqueue.apixo.simulator.task.Task;
import dev.genqueue.apixo.simulator.task.TaskState;
import dev.genqueue.apixo.simulator.task.TaskStore;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * {@code GET /files/{taskId}_{n}.{ext}}: the result bytes of a successful task, public like a CDN link
 * (no Authorization), 403 once the URL is older than the TTL, 404 for anything unknown.
 */
public final class FileHandler implements Handler<RoutingContext> {

    private final TaskStore tasks;
    private final FaultRegistry faults;
    private final StatsRecorder stats;
    private final Duration urlTtl;
    private final LongSupplier clock;

    public FileHandler(TaskStore tasks, FaultRegistry faults, StatsRecorder stats, Duration urlTtl, LongSupplier clock) {
        this.tasks = tasks;
        this.faults = faults;
        this.stats = stats;
        this.urlTtl = urlTtl;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext context) {
        long now = clock.getAsLong();
        String name = context.pathParam("name");
        int underscore = name.lastIndexOf('_');
        int dot = name.lastIndexOf('.');
        if (underscore < 1 || dot < underscore) {
            answer(context, 404, "File not found");
            return;
        }
        String taskId = name.substring(0, underscore);
        Optional<FaultEffect> effect = faults.responseEffect(Endpoint.FILES, null, null, taskId, now);
        if (effect.isPresent()) {
            if (effect.get() instanceof FaultEffect.HttpError error) {
                answer(context, error.status(), "Injected error");
                return;
            }
            if (effect.get() instanceof FaultEffect.DropConnection) {
                stats.dropped();
                context.request().connection().close();
                return;
            }
            if (effect.get() instanceof FaultEffect.SlowResponse slow) {
                context.vertx().setTimer(Math.max(1, slow.delay().toMillis()), id -> serve(context, name, taskId,
                        underscore, dot, now));
                return;
            }
        }
        serve(context, name, taskId, underscore, dot, now);
    }

    private void serve(RoutingContext context, String name, String taskId, int underscore, int dot, long now) {
        Task task = tasks.find(taskId).filter(found -> found.state(now) == TaskState.SUCCESS).orElse(null);
        int index = parseIndex(name.substring(underscore + 1, dot));
        if (task == null || index < 0 || index >= task.outputs().size()
                || !name.equals(ResultFiles.fileName(taskId, index, task.outputs().get(index)))) {
            answer(context, 404, "File not found");
            return;
        }
        if (now - task.completeAt() >= urlTtl.toMillis()) {
            stats.expiredDownload();
            answer(context, 403, "URL expired");
            return;
        }
        OutputKind kind = task.outputs().get(index);
        byte[] bytes = ResultFiles.bytes(task, index);
        stats.fileDownload();
        stats.response(200);
        context.response().setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, kind.contentType())
                .putHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=86400")
                .end(Buffer.buffer(bytes));
    }

    private void answer(RoutingContext context, int status, String message) {
        stats.response(status);
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end("{\"code\":" + status + ",\"message\":\"" + message + "\"}");
    }

    private static int parseIndex(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
