package dev.genqueue.apixo.simulator.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genqueue.apixo.simulator.DurationRange;
import dev.genqueue.apixo.simulator.Plan;
import dev.genqueue.apixo.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Standalone configuration: named settings (e.g. {@code timeFactor}) read from a properties or JSON file,
 * then {@code APIXO_SIM_TIME_FACTOR}-style environment variables, then {@code apixo.sim.timeFactor}-style
 * system properties, each overriding the previous.
 */
public final class ConfigSource {

    /** Every setting name, as written in files; see docs/apixo-simulator.md. */
    public static final List<String> SETTINGS = List.of("port", "host", "timeFactor", "seed", "keys", "controlApi",
            "urlTtl", "publicBaseUrl", "allowHttpCallbacks", "callbackTimeout", "callbackRetryDelays",
            "rateLimitWindow", "scaleRateLimitWindow", "retryAfterHeader", "failureRate", "eventLoops", "latency",
            "pending", "durations");

    private final Map<String, String> values;

    private ConfigSource(Map<String, String> values) {
        this.values = values;
    }

    public static ConfigSource fromEnvironment() {
        return new ConfigSource(overlay(new LinkedHashMap<>(), System.getenv(), System.getProperties()));
    }

    public static ConfigSource fromFileThenEnvironment(Path file) {
        return new ConfigSource(overlay(readFile(file), System.getenv(), System.getProperties()));
    }

    /** Settings from explicit maps, for tests of the parsing itself. */
    public static ConfigSource of(Map<String, String> settings) {
        return new ConfigSource(new LinkedHashMap<>(settings));
    }

    /** Environment variable name of a setting, e.g. {@code APIXO_SIM_TIME_FACTOR}. */
    public static String environmentName(String setting) {
        return "APIXO_SIM_" + setting.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** Port of a standalone simulator when none is configured. */
    public static final int DEFAULT_PORT = 8089;

    /** Applies every present setting to {@code builder} (the port defaults to {@value #DEFAULT_PORT}). */
    public SimulatorConfig.Builder apply(SimulatorConfig.Builder builder) {
        builder.port(DEFAULT_PORT);
        set("port", value -> builder.port(Integer.parseInt(value)));
        set("host", builder::host);
        set("timeFactor", value -> builder.timeFactor(Double.parseDouble(value)));
        set("seed", value -> builder.seed(Long.parseLong(value)));
        set("keys", value -> keys(value, builder));
        set("controlApi", value -> builder.controlApiEnabled(bool(value)));
        set("urlTtl", value -> builder.urlTtl(Durations.parse(value)));
        set("publicBaseUrl", builder::publicBaseUrl);
        set("allowHttpCallbacks", value -> builder.allowHttpCallbacks(bool(value)));
        set("callbackTimeout", value -> builder.callbackTimeout(Durations.parse(value)));
        set("callbackRetryDelays", value -> builder.callbackRetryDelays(durations(value)));
        set("rateLimitWindow", value -> builder.rateLimitWindow(Durations.parse(value)));
        set("scaleRateLimitWindow", value -> builder.scaleRateLimitWindow(bool(value)));
        set("retryAfterHeader", value -> builder.retryAfterHeader(bool(value)));
        set("failureRate", value -> builder.failureRate(Double.parseDouble(value)));
        set("eventLoops", value -> builder.eventLoops(Integer.parseInt(value)));
        set("latency", value -> builder.responseLatency(range(value)));
        set("pending", value -> builder.pendingDuration(range(value)));
        set("durations", value -> {
            // model=RANGE;model=RANGE
            for (String entry : value.split("[;,]")) {
                String[] parts = entry.trim().split("=", 2);
                if (parts.length == 2) {
                    builder.modelDuration(parts[0].trim(), range(parts[1]));
                }
            }
        });
        return builder;
    }

    private void set(String setting, Consumer<String> target) {
        String value = values.get(setting);
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            target.accept(value.trim());
        } catch (RuntimeException e) {
            // the key list may hold secrets: name the setting, never echo its value
            String shown = setting.equals("keys") ? "" : " '" + value + "'";
            throw new IllegalArgumentException("invalid setting " + setting + shown + ": " + e.getMessage(), e);
        }
    }

    // key:plan:balance,key:plan:balance — plan is free, pro, unlimited or RPM/CONCURRENT
    private static void keys(String value, SimulatorConfig.Builder builder) {
        for (String entry : value.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split(":");
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException("each key must be KEY:PLAN[:BALANCE]");
            }
            BigDecimal balance = parts.length == 3 ? new BigDecimal(parts[2]) : new BigDecimal("100");
            builder.apiKey(parts[0], Plan.parse(parts[1]), balance);
        }
    }

    /** {@code 5s} or {@code 1s-3s}. */
    static DurationRange range(String value) {
        String[] parts = value.split("\\.\\.|-(?=[0-9])", 2);
        if (parts.length == 1 || parts[0].isBlank()) {
            return DurationRange.exactly(Durations.parse(value));
        }
        return new DurationRange(Durations.parse(parts[0]), Durations.parse(parts[1]));
    }

    private static List<java.time.Duration> durations(String value) {
        List<java.time.Duration> result = new ArrayList<>();
        for (String part : value.split(",")) {
            result.add(Durations.parse(part));
        }
        return result;
    }

    private static boolean bool(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("on") || lower.equals("1") || lower.equals("yes")) {
            return true;
        }
        if (lower.equals("false") || lower.equals("off") || lower.equals("0") || lower.equals("no")) {
            return false;
        }
        throw new IllegalArgumentException("expected true or false");
    }

    private static Map<String, String> overlay(Map<String, String> base, Map<String, String> env, Properties props) {
        for (String setting : SETTINGS) {
            String fromEnv = env.get(environmentName(setting));
            if (fromEnv != null) {
                base.put(setting, fromEnv);
            }
            String fromProps = props.getProperty("apixo.sim." + setting);
            if (fromProps != null) {
                base.put(setting, fromProps);
            }
        }
        return base;
    }

    private static Map<String, String> readFile(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            if (file.toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
                JsonNode root = new ObjectMapper().readTree(reader);
                Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    values.put(field.getKey(), flatten(field.getValue()));
                }
            } else {
                Properties properties = new Properties();
                properties.load(reader);
                properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + file, e);
        }
        return values;
    }

    // JSON arrays become comma lists; objects such as {"sora-2":"1s-2s"} become model=range lists
    private static String flatten(JsonNode node) {
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(element -> parts.add(flatten(element)));
            return String.join(",", parts);
        }
        if (node.isObject()) {
            List<String> parts = new ArrayList<>();
            node.fields().forEachRemaining(entry -> parts.add(entry.getKey() + "=" + flatten(entry.getValue())));
            return String.join(";", parts);
        }
        return node.asText();
    }
}
