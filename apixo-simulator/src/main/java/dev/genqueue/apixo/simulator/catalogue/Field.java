package dev.genqueue.apixo.simulator.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A declarative rule for one {@code input} field: its type, whether (and in which modes) it is required,
 * and its allowed values, length, range or item count. Fields outside their modes are ignored.
 */
public final class Field implements Rule {

    private enum Kind { TEXT, CHOICE, INTEGER, NUMBER, BOOLEAN, URLS, STRING }

    private final String name;
    private final Kind kind;
    private boolean required;
    private final Set<String> requiredIn = new LinkedHashSet<>();
    private final Set<String> onlyIn = new LinkedHashSet<>();
    private final Set<String> choices = new LinkedHashSet<>();
    private final Set<Integer> integerChoices = new LinkedHashSet<>();
    private final Map<String, int[]> countByMode = new HashMap<>();
    private boolean ignoreCase;
    private double min = Double.NEGATIVE_INFINITY;
    private double max = Double.POSITIVE_INFINITY;

    private Field(String name, Kind kind) {
        this.name = name;
        this.kind = kind;
    }

    /** A string whose length is checked (a prompt, a title). */
    public static Field text(String name, int minLength, int maxLength) {
        return new Field(name, Kind.TEXT).between(minLength, maxLength);
    }

    /** Any string, no length limit (an id, a watermark). */
    public static Field string(String name) {
        return new Field(name, Kind.STRING);
    }

    /** A string from a fixed set. */
    public static Field choice(String name, String... values) {
        Field field = new Field(name, Kind.CHOICE);
        field.choices.addAll(List.of(values));
        return field;
    }

    /** An integer within a range. */
    public static Field integer(String name, int min, int max) {
        return new Field(name, Kind.INTEGER).between(min, max);
    }

    /** An integer from a fixed set. */
    public static Field integerOf(String name, Integer... values) {
        Field field = new Field(name, Kind.INTEGER);
        field.integerChoices.addAll(List.of(values));
        return field;
    }

    /** A number within a range. */
    public static Field number(String name, double min, double max) {
        return new Field(name, Kind.NUMBER).between(min, max);
    }

    /** A JSON boolean. */
    public static Field bool(String name) {
        return new Field(name, Kind.BOOLEAN);
    }

    /** An array of http(s) URLs with a default item count range. */
    public static Field urls(String name, int minCount, int maxCount) {
        return new Field(name, Kind.URLS).between(minCount, maxCount);
    }

    /** Required in every mode. */
    public Field required() {
        required = true;
        return this;
    }

    /** Required in these modes only. */
    public Field requiredIn(String... modes) {
        requiredIn.addAll(List.of(modes));
        return this;
    }

    /** Validated only in these modes; ignored elsewhere (unknown fields are ignored, docs/apixo-api.md §13.18). */
    public Field onlyIn(String... modes) {
        onlyIn.addAll(List.of(modes));
        return this;
    }

    /** Compares choices case-insensitively (resolution tiers, docs/apixo-api.md §13.19). */
    public Field ignoreCase() {
        ignoreCase = true;
        return this;
    }

    /** Item count range of a URL list in one mode; makes the field required there when min > 0. */
    public Field countIn(String mode, int minCount, int maxCount) {
        countByMode.put(mode, new int[] {minCount, maxCount});
        if (minCount > 0) {
            requiredIn.add(mode);
        }
        return this;
    }

    public String name() {
        return name;
    }

    private Field between(double low, double high) {
        min = low;
        max = high;
        return this;
    }

    @Override
    public String check(ModelInput request) {
        String mode = request.mode();
        if (!onlyIn.isEmpty() && !onlyIn.contains(mode)) {
            return null;
        }
        JsonNode value = request.field(name);
        if (value == null) {
            return required || requiredIn.contains(mode) ? "Missing required field: input." + name : null;
        }
        return switch (kind) {
            case TEXT -> checkText(value);
            case STRING -> value.isTextual() ? null : "input." + name + " must be a string";
            case CHOICE -> checkChoice(value);
            case INTEGER -> checkInteger(value);
            case NUMBER -> checkNumber(value);
            case BOOLEAN -> value.isBoolean() ? null : "input." + name + " must be a boolean";
            case URLS -> checkUrls(value, mode);
        };
    }

    private String checkText(JsonNode value) {
        if (!value.isTextual()) {
            return "input." + name + " must be a string";
        }
        String text = value.asText();
        int length = text.isBlank() ? 0 : text.codePointCount(0, text.length());
        if (length < min) {
            return min <= 1 ? "input." + name + " must not be empty"
                    : "input." + name + " must be at least " + (int) min + " characters";
        }
        if (length > max) {
            return "input." + name + " must be at most " + (int) max + " characters";
        }
        return null;
    }

    private String checkChoice(JsonNode value) {
        String text = value.isValueNode() ? value.asText() : null;
        boolean allowed = text != null && value.isTextual() && (ignoreCase
                ? choices.stream().anyMatch(choice -> choice.equalsIgnoreCase(text))
                : choices.contains(text));
        return allowed ? null : "Invalid value for input." + name + ": " + value + " (allowed: "
                + String.join(", ", choices) + ")";
    }

    private String checkInteger(JsonNode value) {
        Integer number = asInteger(value);
        if (number == null) {
            return "input." + name + " must be an integer";
        }
        if (!integerChoices.isEmpty() && !integerChoices.contains(number)) {
            return "Invalid value for input." + name + ": " + number + " (allowed: "
                    + integerChoices.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
        }
        return number < min || number > max ? rangeError(number) : null;
    }

    private String checkNumber(JsonNode value) {
        if (!value.isNumber()) {
            return "input." + name + " must be a number";
        }
        double number = value.doubleValue();
        return number < min || number > max ? rangeError(number) : null;
    }

    private String rangeError(Number value) {
        return "input." + name + " must be between " + format(min) + " and " + format(max) + ", got " + value;
    }

    private String checkUrls(JsonNode value, String mode) {
        if (!value.isArray()) {
            return "input." + name + " must be an array of URLs";
        }
        int[] range = countByMode.getOrDefault(mode, new int[] {(int) min, (int) max});
        if (value.size() < range[0] || value.size() > range[1]) {
            return range[0] == range[1]
                    ? "input." + name + " must contain exactly " + range[0] + " item(s) for mode " + mode
                    : "input." + name + " must contain between " + range[0] + " and " + range[1]
                            + " items for mode " + mode;
        }
        for (int i = 0; i < value.size(); i++) {
            String url = value.get(i).isTextual() ? value.get(i).asText().trim().toLowerCase(Locale.ROOT) : "";
            if (!(url.startsWith("https://") || url.startsWith("http://")) || url.length() < 10) {
                return "input." + name + "[" + i + "] must be an http(s) URL";
            }
        }
        return null;
    }

    private static Integer asInteger(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        if (value.isTextual()) {
            // older model pages send durations as strings ("5", "10")
            try {
                return Integer.parseInt(value.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
