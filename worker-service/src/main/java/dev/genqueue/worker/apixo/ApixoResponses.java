package dev.genqueue.worker.apixo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genqueue.common.contract.Json;
import dev.genqueue.common.failure.ApixoCall;
import dev.genqueue.common.failure.FailureClass;
import dev.genqueue.common.failure.FailureClassification;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Translates APIXO's HTTP answers (status line, envelope {@code code}, {@code data}) and transport errors
 * into {@link SubmitOutcome} and {@link StatusOutcome}; error statuses follow the shared
 * {@link FailureClassification} table. Lenient in what it reads: either the HTTP status or the envelope code
 * may signal an error, {@code resultJson} may be a string or an object.
 */
public final class ApixoResponses {

    /** Longest APIXO message kept; they end up in job history and events. */
    static final int MESSAGE_MAX = 500;

    private ApixoResponses() {
    }

    /** Translates the answer to {@code POST /generateTask/{model}}. */
    public static SubmitOutcome submit(int httpStatus, String body, String retryAfter) {
        Envelope envelope = Envelope.read(httpStatus, body);
        int status = envelope.status();
        if (status >= 200 && status < 300) {
            String taskId = text(envelope.data().path("taskId"));
            return taskId == null
                    ? new SubmitOutcome.Unknown("answer " + status + " carried no task id")
                    : new SubmitOutcome.Accepted(taskId);
        }
        if (status < 400) {
            return new SubmitOutcome.Unknown("unexpected HTTP " + status);
        }
        FailureClass failure = FailureClassification.ofHttpStatus(status, ApixoCall.SUBMIT);
        return switch (failure.action()) {
            case PAUSE -> new SubmitOutcome.AccountProblem(status, envelope.message());
            case RETRY -> new SubmitOutcome.RetryLater("HTTP " + status + ": " + envelope.message(),
                    retryAfter(retryAfter));
            case FAIL -> new SubmitOutcome.Rejected(status, envelope.message());
        };
    }

    /**
     * Translates a transport error of a submit: refused or unresolvable connections never reached APIXO;
     * anything else (timeout, reset) happened after the request may have been processed.
     */
    public static SubmitOutcome submitFailure(Throwable error) {
        if (neverSent(error)) {
            return new SubmitOutcome.RetryLater("connection failed: " + describe(error), null);
        }
        return new SubmitOutcome.Unknown("no answer: " + describe(error));
    }

    /** Translates the answer to {@code GET /statusTask/{model}?taskId=}. */
    public static StatusOutcome status(int httpStatus, String body, String retryAfter) {
        Envelope envelope = Envelope.read(httpStatus, body);
        int status = envelope.status();
        if (status >= 200 && status < 300) {
            return state(envelope.data());
        }
        if (status < 400) {
            return new StatusOutcome.RetryLater("unexpected HTTP " + status, null);
        }
        if (status == 404) {
            return new StatusOutcome.NotFound(status, envelope.message());
        }
        FailureClass failure = FailureClassification.ofHttpStatus(status, ApixoCall.STATUS);
        return switch (failure.action()) {
            case PAUSE -> new StatusOutcome.AccountProblem(status, envelope.message());
            case RETRY -> new StatusOutcome.RetryLater("HTTP " + status + ": " + envelope.message(),
                    retryAfter(retryAfter));
            case FAIL -> new StatusOutcome.NotFound(status, envelope.message());
        };
    }

    /** A status query that got no answer tells nothing; polling is idempotent, so ask again. */
    public static StatusOutcome statusFailure(Throwable error) {
        return new StatusOutcome.RetryLater("no answer: " + describe(error), null);
    }

    /** Translates the answer to {@code GET /apikeys/current-balance}. */
    public static BalanceOutcome balance(int httpStatus, String body) {
        Envelope envelope = Envelope.read(httpStatus, body);
        int status = envelope.status();
        if (status >= 200 && status < 300) {
            JsonNode data = envelope.data();
            JsonNode amount = data.isValueNode() ? data : data.path("balance");
            try {
                return amount.isNumber() || amount.isTextual() && !amount.asText().isBlank()
                        ? new BalanceOutcome.Balance(new BigDecimal(amount.asText().trim()))
                        : new BalanceOutcome.Unknown("answer " + status + " carried no balance");
            } catch (NumberFormatException e) {
                return new BalanceOutcome.Unknown("answer " + status + " carried an unreadable balance");
            }
        }
        if (status >= 400 && FailureClassification.ofHttpStatus(status, ApixoCall.BALANCE).isPause()) {
            return new BalanceOutcome.AccountProblem(status, envelope.message());
        }
        return new BalanceOutcome.Unknown("HTTP " + status + ": " + envelope.message());
    }

    /** A transport error of a balance query. */
    public static BalanceOutcome balanceFailure(Throwable error) {
        return new BalanceOutcome.Unknown("no answer: " + describe(error));
    }

    /**
     * What an answer (its effective status: the envelope code wins over a 200) says about APIXO's health;
     * {@code body} may be {@code null}.
     */
    public static CallSignal signal(int httpStatus, String body) {
        int status = Envelope.read(httpStatus, body).status();
        if (status == 429) {
            return CallSignal.RATE_LIMITED;
        }
        return status >= 500 || status == 408 || status == 425 ? CallSignal.UNAVAILABLE : CallSignal.ANSWERED;
    }

    private static StatusOutcome state(JsonNode data) {
        String state = text(data.path("state"));
        switch (state == null ? "" : state.toLowerCase(Locale.ROOT)) {
            case "pending", "queued", "waiting":
                return new StatusOutcome.Pending();
            case "processing", "running":
                return new StatusOutcome.Processing();
            case "success", "succeeded", "completed":
                return new StatusOutcome.Succeeded(resultUrls(data), instant(data.path("createTime")),
                        instant(data.path("completeTime")), millis(data.path("costTime")));
            case "failed", "fail", "error":
                String code = text(data.path("failCode"));
                return new StatusOutcome.Failed(code == null ? "UNKNOWN" : abbreviate(code),
                        abbreviate(text(data.path("failMsg"))));
            default:
                return new StatusOutcome.RetryLater("unexpected task state " + abbreviate(String.valueOf(state)), null);
        }
    }

    /**
     * The {@code resultUrls} of {@code resultJson} (a JSON string per the docs, an object tolerated), else of
     * {@code data}; when neither names them, every http(s) URL found in {@code resultJson}, in order.
     */
    static List<String> resultUrls(JsonNode data) {
        JsonNode result = data.path("resultJson");
        if (result.isTextual()) {
            result = parse(result.asText());
        }
        List<String> urls = urlArray(result.path("resultUrls"));
        if (urls.isEmpty()) {
            urls = urlArray(data.path("resultUrls"));
        }
        if (urls.isEmpty()) {
            Set<String> found = new LinkedHashSet<>();
            collectUrls(result, found);
            urls = List.copyOf(found);
        }
        return urls;
    }

    private static List<String> urlArray(JsonNode node) {
        List<String> urls = new ArrayList<>();
        if (node.isTextual() && isUrl(node.asText())) {
            urls.add(node.asText());
        }
        for (JsonNode element : node.isArray() ? node : List.<JsonNode>of()) {
            if (element.isTextual() && isUrl(element.asText())) {
                urls.add(element.asText());
            }
        }
        return urls;
    }

    private static void collectUrls(JsonNode node, Set<String> found) {
        if (node.isTextual() && isUrl(node.asText())) {
            found.add(node.asText());
        } else if (node.isContainerNode()) {
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collectUrls(it.next(), found);
            }
        }
    }

    private static boolean isUrl(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }

    private static boolean neverSent(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return abbreviate(root.getClass().getSimpleName() + (message == null ? "" : " " + message));
    }

    /** The seconds form of {@code Retry-After}, or {@code null} when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant instant(JsonNode node) {
        if (node.isNumber()) {
            return Instant.ofEpochMilli(node.asLong());
        }
        String text = text(node);
        if (text == null) {
            return null;
        }
        try {
            return text.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(text))
                    : Instant.parse(text);
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    private static Duration millis(JsonNode node) {
        if (node.isNumber()) {
            return Duration.ofMillis(node.asLong());
        }
        String text = text(node);
        return text != null && !text.isEmpty() && text.chars().allMatch(Character::isDigit)
                ? Duration.ofMillis(Long.parseLong(text)) : null;
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() && !node.asText().isBlank() ? node.asText() : null;
    }

    static String abbreviate(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= MESSAGE_MAX ? text : text.substring(0, MESSAGE_MAX) + "…";
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return Json.mapper().missingNode();
        }
        try {
            JsonNode node = Json.mapper().readTree(body);
            return node == null ? Json.mapper().missingNode() : node;
        } catch (IOException e) {
            return Json.mapper().missingNode();
        }
    }

    /** The effective status (HTTP status, or the envelope code when HTTP said 200 but the code did not). */
    private record Envelope(int status, String message, JsonNode data) {

        static Envelope read(int httpStatus, String body) {
            JsonNode root = parse(body);
            JsonNode code = root.path("code");
            int status = httpStatus;
            if (httpStatus >= 200 && httpStatus < 300 && code.canConvertToInt() && code.asInt() >= 400) {
                status = code.asInt();
            }
            String message = text(root.path("message"));
            String detail = text(root.path("data").path("error"));
            String combined = detail == null ? message : message == null ? detail : message + ": " + detail;
            return new Envelope(status, combined == null ? "HTTP " + status : abbreviate(combined), root.path("data"));
        }
    }
}
