package dev.genqueue.apixo.simulator.api;

import dev.genqueue.apixo.simulator.catalogue.ModelCatalogue;
import dev.genqueue.apixo.simulator.task.Task;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/statusTask/{model}?taskId=}: the task's state computed from the clock, rendered from
 * a per-state cache. Tasks of another key or model are reported as not found (docs/apixo-api.md §13.9).
 */
final class StatusHandler implements Handler<RoutingContext> {

    private final Services services;

    StatusHandler(Services services) {
        this.services = services;
    }

    @Override
    public void handle(RoutingContext context) {
        ApiExchange exchange = ApiExchange.of(context);
        String model = context.pathParam("model");
        if (ModelCatalogue.find(model).isEmpty()) {
            exchange.error(404, "Model not found");
            return;
        }
        String taskId = context.request().getParam("taskId");
        if (taskId == null || taskId.isBlank()) {
            exchange.invalid("Missing required parameter: taskId");
            return;
        }
        Task task = services.tasks().find(taskId)
                .filter(found -> found.apiKey().equals(exchange.apiKey()) && found.model().equals(model))
                .orElse(null);
        if (task == null) {
            exchange.error(404, "Task not found");
            return;
        }
        exchange.ok(services.payloads().envelope(task, task.state(services.now())));
    }
}
