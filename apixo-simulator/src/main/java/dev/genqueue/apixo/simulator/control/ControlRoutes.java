package dev.genqueue.apixo.simulator.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.apixo.simulator.DurationRange;
import dev.genqueue.apixo.simulator.Plan;
import dev.genqueue.apixo.simulator.SimulatorControl;
import dev.genqueue.apixo.simulator.api.Envelope;
import dev.genqueue.apixo.simulator.api.Services;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.NoSuchElementException;

/**
 * The {@code /_sim} control API, mounted only when enabled: faults, outage, keys, plans, balances, model
 * durations, stats and reset, all delegating to {@link SimulatorControl}. Answers plain JSON; bad input
 * is 400 and unknown keys/models/rules 404, each with {@code {"error":…}}.
 */
public final class ControlRoutes {

    private ControlRoutes() {
    }

    public static void mount(Router router, SimulatorControl control, Services services) {
        router.route("/_sim/*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
        // a snapshot walks every task: built off the event loop so API answers are not held back meanwhile
        router.get("/_sim/stats").blockingHandler(guard(context -> json(context, 200,
                Envelope.MAPPER.valueToTree(services.stats().snapshot(services.tasks(), services.accounts(),
                        services.now(), !"false".equals(context.request().getParam("tasks")))))), false);
        router.post("/_sim/stats/reset").handler(guard(context -> {
            control.resetStats();
            ok(context);
        }));
        router.post("/_sim/reset").handler(guard(context -> {
            control.reset();
            ok(context);
        }));
        router.post("/_sim/faults").handler(guard(context -> {
            long id = control.addFault(FaultRuleJson.parse(body(context)));
            json(context, 201, Envelope.MAPPER.createObjectNode().put("id", id));
        }));
        router.get("/_sim/faults").handler(guard(context -> {
            ArrayNode rules = Envelope.MAPPER.createArrayNode();
            control.faults().forEach((id, rule) -> rules.add(FaultRuleJson.render(id, rule)));
            json(context, 200, rules);
        }));
        router.delete("/_sim/faults").handler(guard(context -> {
            control.clearFaults();
            ok(context);
        }));
        router.delete("/_sim/faults/:id").handler(guard(context -> {
            if (!control.removeFault(Long.parseLong(context.pathParam("id")))) {
                throw new NoSuchElementException("no such fault rule");
            }
            ok(context);
        }));
        router.post("/_sim/outage").handler(guard(context -> {
            JsonNode body = body(context);
            Duration duration = Duration.ofMillis(required(body, "durationMs").asLong());
            if (body.path("scaled").asBoolean(false)) {
                control.outageSimulated(duration);
            } else {
                control.outage(duration);
            }
            json(context, 200, Envelope.MAPPER.createObjectNode().put("outageUntil", services.faults().outageUntil()));
        }));
        router.delete("/_sim/outage").handler(guard(context -> {
            control.endOutage();
            ok(context);
        }));
        router.post("/_sim/keys").handler(guard(context -> {
            JsonNode body = body(context);
            control.addKey(required(body, "key").asText(), plan(body),
                    new BigDecimal(body.path("balance").asText("100")));
            ok(context);
        }));
        router.post("/_sim/keys/:key/balance").handler(guard(context -> {
            String key = context.pathParam("key");
            JsonNode body = body(context);
            if (body.hasNonNull("set")) {
                control.setBalance(key, new BigDecimal(body.get("set").asText()));
            } else {
                control.topUp(key, new BigDecimal(required(body, "add").asText()));
            }
            json(context, 200, Envelope.MAPPER.createObjectNode().put("balance", control.balance(key)));
        }));
        router.put("/_sim/keys/:key/plan").handler(guard(context -> {
            control.setPlan(context.pathParam("key"), plan(body(context)));
            ok(context);
        }));
        router.put("/_sim/models/:model/duration").handler(guard(context -> {
            JsonNode body = body(context);
            control.setModelDuration(context.pathParam("model"), new DurationRange(
                    Duration.ofMillis(required(body, "minMs").asLong()),
                    Duration.ofMillis(body.path("maxMs").asLong(body.get("minMs").asLong()))));
            ok(context);
        }));
        router.delete("/_sim/models/durations").handler(guard(context -> {
            control.resetModelDurations();
            ok(context);
        }));
    }

    // {"plan":"pro"} or {"requestsPerMinute":60,"concurrentTasks":10}
    private static Plan plan(JsonNode body) {
        if (body.hasNonNull("plan")) {
            return Plan.parse(body.get("plan").asText());
        }
        return Plan.custom(required(body, "requestsPerMinute").asInt(), required(body, "concurrentTasks").asInt());
    }

    private static Handler<RoutingContext> guard(Handler<RoutingContext> handler) {
        return context -> {
            try {
                handler.handle(context);
            } catch (NoSuchElementException e) {
                json(context, 404, error(e.getMessage()));
            } catch (IllegalArgumentException | ArithmeticException e) {
                json(context, 400, error(e.getMessage()));
            }
        };
    }

    private static JsonNode body(RoutingContext context) {
        try {
            JsonNode body = context.body().buffer() == null ? null
                    : Envelope.MAPPER.readTree(context.body().buffer().getBytes());
            return body == null ? Envelope.MAPPER.createObjectNode() : body;
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not valid JSON");
        }
    }

    private static JsonNode required(JsonNode body, String field) {
        if (!body.hasNonNull(field)) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return body.get(field);
    }

    private static ObjectNode error(String message) {
        return Envelope.MAPPER.createObjectNode().put("error", message == null ? "invalid request" : message);
    }

    private static void ok(RoutingContext context) {
        json(context, 200, Envelope.MAPPER.createObjectNode().put("ok", true));
    }

    private static void json(RoutingContext context, int status, JsonNode body) {
        try {
            context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(Envelope.MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
