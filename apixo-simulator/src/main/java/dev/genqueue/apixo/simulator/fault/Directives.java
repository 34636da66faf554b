package dev.genqueue.apixo.simulator.fault;

import dev.genqueue.apixo.simulator.config.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Simulator directives written into a prompt ({@code #sim:NAME} or {@code #sim:NAME=VALUE}), so a test can
 * force an outcome through an unmodified client. See docs/apixo-simulator.md for the full syntax.
 *
 * @param submitEffects effects on the answer to the submit itself
 * @param taskEffects   effects on the created task
 * @param statusFaults  effects on the created task's next status calls
 */
public record Directives(List<FaultEffect> submitEffects, List<FaultEffect> taskEffects,
        List<StatusFault> statusFaults) {

    /** A response effect for the next {@code times} status calls of the created task. */
    public record StatusFault(FaultEffect effect, int times) {
    }

    /** No directive at all. */
    public static final Directives NONE = new Directives(List.of(), List.of(), List.of());

    private static final Pattern DIRECTIVE = Pattern.compile("#sim:([a-z-]+)(?:=(\\S+))?", Pattern.CASE_INSENSITIVE);

    /** Reads every directive in {@code prompt}; throws IllegalArgumentException naming a bad one. */
    public static Directives parse(String prompt) {
        if (prompt == null || !prompt.contains("#sim:")) {
            return NONE;
        }
        List<FaultEffect> submit = new ArrayList<>();
        List<FaultEffect> task = new ArrayList<>();
        List<StatusFault> status = new ArrayList<>();
        Matcher matcher = DIRECTIVE.matcher(prompt);
        while (matcher.find()) {
            String name = matcher.group(1).toLowerCase(Locale.ROOT);
            String value = matcher.group(2);
            try {
                switch (name) {
                    case "fail" -> task.add(new FaultEffect.FailTask(require(value, name), null));
                    case "never-finish" -> task.add(new FaultEffect.NeverFinish());
                    case "duration" -> task.add(new FaultEffect.FixedDuration(Durations.parse(require(value, name))));
                    case "callback" -> task.add(new FaultEffect.Callback(callback(require(value, name))));
                    case "http" -> submit.add(new FaultEffect.HttpError(Integer.parseInt(require(value, name))));
                    case "delay" -> submit.add(new FaultEffect.SlowResponse(Durations.parse(require(value, name))));
                    case "drop" -> submit.add(new FaultEffect.DropConnection("after".equalsIgnoreCase(value)));
                    case "status-http" -> status.add(counted(require(value, name),
                            code -> new FaultEffect.HttpError(Integer.parseInt(code))));
                    case "status-delay" -> status.add(counted(require(value, name),
                            delay -> new FaultEffect.SlowResponse(Durations.parse(delay))));
                    case "status-drop" -> status.add(new StatusFault(new FaultEffect.DropConnection(false),
                            value == null ? 1 : Integer.parseInt(value)));
                    default -> throw new IllegalArgumentException("unknown directive");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid simulator directive " + matcher.group() + ": "
                        + e.getMessage());
            }
        }
        return new Directives(List.copyOf(submit), List.copyOf(task), List.copyOf(status));
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("#sim:" + name + " needs a value");
        }
        return value;
    }

    // VALUE or VALUE:COUNT, e.g. 503:3
    private static StatusFault counted(String value, Function<String, FaultEffect> effect) {
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            return new StatusFault(effect.apply(value), 1);
        }
        return new StatusFault(effect.apply(value.substring(0, colon)), Integer.parseInt(value.substring(colon + 1)));
    }

    // drop | dup:N | delay:DURATION | stale
    private static CallbackFault callback(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("drop")) {
            return CallbackFault.drop();
        }
        if (lower.equals("stale")) {
            return CallbackFault.stale();
        }
        if (lower.startsWith("dup:")) {
            return CallbackFault.duplicate(Integer.parseInt(lower.substring(4)));
        }
        if (lower.equals("dup")) {
            return CallbackFault.duplicate(2);
        }
        if (lower.startsWith("delay:")) {
            return CallbackFault.delay(Durations.parse(lower.substring(6)));
        }
        throw new IllegalArgumentException("callback must be drop, dup:N, delay:DURATION or stale");
    }
}
