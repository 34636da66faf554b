package dev.genqueue.apixo.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.apixo.simulator.catalogue.Model;
import dev.genqueue.apixo.simulator.catalogue.ModelCatalogue;
import dev.genqueue.apixo.simulator.fault.Directives;
import dev.genqueue.apixo.simulator.fault.Endpoint;
import dev.genqueue.apixo.simulator.fault.FaultEffect;
import dev.genqueue.apixo.simulator.fault.FaultRule;
import dev.genqueue.apixo.simulator.quota.Account;
import dev.genqueue.apixo.simulator.quota.Admission;
import dev.genqueue.apixo.simulator.task.Task;
import dev.genqueue.apixo.simulator.task.TaskRequest;
import dev.genqueue.apixo.simulator.task.TaskState;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /api/v1/generateTask/{model}}: validates, applies directives and injected task faults, then
 * charges the key and creates the task under its concurrency limit.
 */
final class SubmitHandler implements Handler<RoutingContext> {

    private final Services services;
    private final SubmissionParser parser;

    SubmitHandler(Services services) {
        this.services = services;
        this.parser = new SubmissionParser(services.config().allowHttpCallbacks());
    }

    @Override
    public void handle(RoutingContext context) {
        ApiExchange exchange = ApiExchange.of(context);
        Model model = ModelCatalogue.find(context.pathParam("model")).orElse(null);
        if (model == null) {
            exchange.error(404, "Model not found");
            return;
        }
        String contentType = context.request().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            exchange.invalid("Content-Type must be application/json");
            return;
        }
        ObjectNode body;
        try {
            JsonNode parsed = Envelope.MAPPER.readTree(context.body().buffer() == null ? new byte[0]
                    : context.body().buffer().getBytes());
            if (parsed == null || !parsed.isObject()) {
                exchange.invalid("Request body must be a JSON object");
                return;
            }
            body = (ObjectNode) parsed;
        } catch (IOException e) {
            exchange.invalid("Request body is not valid JSON");
            return;
        }
        Directives directives;
        try {
            directives = Directives.parse(promptOf(body));
        } catch (IllegalArgumentException e) {
            exchange.invalid(e.getMessage());
            return;
        }
        for (FaultEffect effect : directives.submitEffects()) {
            if (!ApiGate.apply(effect, exchange)) {
                return;
            }
        }
        Submission submission;
        try {
            submission = parser.parse(model, body);
            checkReference(submission, exchange.apiKey());
        } catch (SubmissionParser.Invalid invalid) {
            exchange.invalid(invalid.getMessage());
            return;
        }
        create(submission, directives, exchange, context.get(ApiGate.ACCOUNT));
    }

    private void create(Submission submission, Directives directives, ApiExchange exchange, Account account) {
        long now = services.now();
        List<FaultEffect> effects = new ArrayList<>(directives.taskEffects());
        effects.addAll(services.faults().taskEffects(account.key(), submission.model().id(), now));
        // how the answer is delivered is not part of what is generated: the same request sent again with
        // another callback URL is the same paid work
        ObjectNode generated = submission.body().deepCopy();
        generated.remove(List.of("request_type", "callback_url"));
        String canonical = canonical(generated);
        String fingerprint = sha256Hex(submission.model().id() + "\n" + canonical);
        JsonNode prompt = submission.input().field("prompt");
        byte[] contentSeed = sha256(prompt != null && prompt.isTextual() ? prompt.asText() : canonical);
        BigDecimal price = submission.model().price().apply(submission.input());
        TaskRequest request = new TaskRequest(submission.model(), submission.input(), account.key(), fingerprint,
                contentSeed, price, submission.callbackUrl(), effects);
        Admission admission = account.admit(price, now, () -> services.planner().plan(request, now));
        switch (admission.verdict()) {
            case CONCURRENCY_LIMIT -> {
                services.stats().concurrencyLimited();
                exchange.tooManyRequests("Concurrent task limit reached", null);
            }
            case INSUFFICIENT_BALANCE -> exchange.error(402);
            case ADMITTED -> {
                Task task = admission.task();
                services.tasks().add(task);
                services.stats().submitted(fingerprint);
                for (Directives.StatusFault fault : directives.statusFaults()) {
                    services.faults().add(FaultRule.on(Endpoint.STATUS).forTask(task.id()).times(fault.times())
                            .then(fault.effect()), now);
                }
                services.callbacks().schedule(task, now);
                ObjectNode data = Envelope.MAPPER.createObjectNode().put("taskId", task.id());
                exchange.ok(Envelope.success(data));
            }
            default -> throw new IllegalStateException("unknown verdict " + admission.verdict());
        }
    }

    // midjourney vary/upscale/… and veo-3-1-extend name an earlier successful task of the same key
    private void checkReference(Submission submission, String apiKey) throws SubmissionParser.Invalid {
        String referenced = submission.model().referencedModel();
        JsonNode taskId = submission.input().field("taskId");
        if (referenced == null || taskId == null) {
            return;
        }
        boolean found = services.tasks().find(taskId.asText())
                .filter(task -> task.apiKey().equals(apiKey) && task.model().equals(referenced))
                .filter(task -> task.state(services.now()) == TaskState.SUCCESS)
                .isPresent();
        if (!found) {
            throw new SubmissionParser.Invalid("input.taskId does not refer to a successful " + referenced
                    + " task of this API key");
        }
    }

    private static String promptOf(ObjectNode body) {
        JsonNode input = body.get("input");
        JsonNode prompt = input != null && input.isObject() ? input.get("prompt") : null;
        return prompt != null && prompt.isTextual() ? prompt.asText() : null;
    }

    /** The body with object keys sorted at every level, so field order does not change the fingerprint. */
    private static String canonical(ObjectNode body) {
        try {
            Object tree = Envelope.MAPPER.treeToValue(body, Object.class);
            return Envelope.MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(tree);
        } catch (IOException e) {
            throw new IllegalStateException("a parsed body always serializes", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }
}
