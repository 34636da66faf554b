package dev.genqueue.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A seeded generator of request bodies no door may accept, for the fuzz tests of both doors: every kind is
 * refused by construction (never "probably"), so a test can demand a refusal for each one. Valid bodies come
 * from the same generator, so both are interleaved the same way on every run with the same seed.
 */
public final class HostileBodies {

    /** What is wrong with a body. */
    public enum Kind {
        RANDOM_BYTES, TRUNCATED_JSON, RAW_CONTROL_CHARACTER, ESCAPED_CONTROL_CHARACTER, INVALID_UTF8,
        UNPAIRED_SURROGATE, DEEP_NESTING, TOO_MANY_INPUT_FIELDS, DUPLICATE_KEY, EMPTY, OVERSIZED_BODY,
        OVERSIZED_INPUT, NON_FINITE_NUMBER, WRONG_SHAPE
    }

    /** One generated body. */
    public record Body(Kind kind, byte[] bytes) {
    }

    private static final String[] MODELS = {"nano-banana", "grok-image", "sora-2", "suno"};
    private static final byte[][] BAD_UTF8 = {
        {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80},
        {(byte) 0x80}};

    private final Random random;
    private final String tenant;

    public HostileBodies(long seed, String tenant) {
        this.random = new Random(seed);
        this.tenant = tenant;
    }

    /** The shared random source, for the door-specific parts of a test (keys, headers). */
    public Random random() {
        return random;
    }

    /** A valid request for {@code nano-banana}. */
    public String valid(String requestId) {
        return "{\"requestId\":\"" + requestId + "\",\"tenantId\":\"" + tenant
                + "\",\"model\":\"nano-banana\",\"input\":{\"prompt\":\"a fuzzed picture " + requestId + "\"}}";
    }

    /** A body of a random kind; {@link Kind#OVERSIZED_BODY} only once in about 200 bodies, to keep runs fast. */
    public Body next(String requestId) {
        Kind[] kinds = Kind.values();
        Kind kind = kinds[random.nextInt(kinds.length)];
        if (kind == Kind.OVERSIZED_BODY && random.nextInt(15) != 0) {
            kind = Kind.WRONG_SHAPE;
        }
        return new Body(kind, body(kind, requestId));
    }

    private byte[] body(Kind kind, String requestId) {
        String valid = valid(requestId);
        return switch (kind) {
            case RANDOM_BYTES -> {
                byte[] bytes = new byte[1 + random.nextInt(512)];
                random.nextBytes(bytes);
                bytes[0] = '{';
                yield bytes;
            }
            case TRUNCATED_JSON -> utf8(valid.substring(0, 1 + random.nextInt(valid.length() - 2)));
            case RAW_CONTROL_CHARACTER -> utf8(intoPrompt(valid, String.valueOf(control())));
            case ESCAPED_CONTROL_CHARACTER -> utf8(escapedControl(valid));
            case INVALID_UTF8 -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int at = valid.indexOf("a fuzzed") + random.nextInt(8);
                out.writeBytes(utf8(valid.substring(0, at)));
                out.writeBytes(BAD_UTF8[random.nextInt(BAD_UTF8.length)]);
                out.writeBytes(utf8(valid.substring(at)));
                yield out.toByteArray();
            }
            case UNPAIRED_SURROGATE -> utf8(intoPrompt(valid, random.nextBoolean() ? "\\ud800" : "\\udfff x"));
            case DEEP_NESTING -> {
                int depth = 17 + random.nextInt(3000);
                yield utf8(intoInput(valid, "\"n\":" + "[".repeat(depth) + "]".repeat(depth)));
            }
            case TOO_MANY_INPUT_FIELDS -> {
                StringBuilder fields = new StringBuilder();
                int count = 257 + random.nextInt(1500);
                for (int i = 0; i < count; i++) {
                    fields.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
                }
                yield utf8(intoInput(valid, fields.toString()));
            }
            case DUPLICATE_KEY -> utf8(random.nextBoolean()
                    ? valid.replace("\"model\":\"nano-banana\"", "\"model\":\"nano-banana\",\"model\":\"sora-2\"")
                    : intoInput(valid, "\"prompt\":\"again\""));
            case EMPTY -> utf8(new String[] {"", " ", "\n\t ", "\r\n"}[random.nextInt(4)]);
            case OVERSIZED_BODY -> utf8(intoInput(valid, "\"note\":\"" + "x".repeat(256 * 1024 + random.nextInt(4096))
                    + "\""));
            case OVERSIZED_INPUT -> utf8(intoInput(valid, "\"note\":\"" + "\u20ac".repeat(22_000 + random.nextInt(30_000))
                    + "\""));
            case NON_FINITE_NUMBER -> utf8(intoInput(valid, "\"n\":" + (random.nextBoolean() ? "1e999" : "-1e400")));
            case WRONG_SHAPE -> utf8(wrongShape(valid, requestId));
        };
    }

    private String wrongShape(String valid, String requestId) {
        return switch (random.nextInt(8)) {
            case 0 -> "[" + valid + "]";
            case 1 -> "\"" + requestId + "\"";
            case 2 -> "null";
            case 3 -> valid.replace("nano-banana", "no-such-model-" + random.nextInt(1000));
            case 4 -> valid.replace("\"tenantId\":\"" + tenant + "\",", "");
            case 5 -> valid.replace("{\"prompt\":", "\"a string\",\"x\":{\"prompt\":");
            case 6 -> valid.substring(0, valid.length() - 1) + ",\"colour\":\"red\"}";
            default -> valid.replace("nano-banana", MODELS[1 + random.nextInt(MODELS.length - 1)])
                    .replace("{\"prompt\":\"a", "{\"mode\":\"no-such-mode\",\"prompt\":\"a");
        };
    }

    private String escapedControl(String valid) {
        String escape = String.format("\\u%04x", (int) control());
        return switch (random.nextInt(4)) {
            case 0 -> intoPrompt(valid, escape);
            case 1 -> valid.replace("\"tenantId\":\"", "\"tenantId\":\"" + escape);
            case 2 -> valid.replace("\"model\":\"nano", "\"model\":\"nano" + escape);
            default -> intoInput(valid, "\"k" + escape + "\":1");
        };
    }

    // NUL, the other C0 controls but tab, line feed and carriage return, DEL and C1
    private char control() {
        int pick = random.nextInt(64);
        if (pick < 32) {
            char c = (char) pick;
            return c == '\t' || c == '\n' || c == '\r' ? '\u0000' : c;
        }
        return pick == 32 ? '\u007f' : (char) (0x80 + pick - 33);
    }

    private String intoPrompt(String valid, String text) {
        int at = valid.indexOf("a fuzzed") + random.nextInt(8);
        return valid.substring(0, at) + text + valid.substring(at);
    }

    private static String intoInput(String valid, String fields) {
        return valid.replace("\"input\":{", "\"input\":{" + fields + ",");
    }

    /** {@code a} followed by {@code b}: a valid value with hostile bytes appended. */
    public static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
