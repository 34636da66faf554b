package dev.genqueue.common.validation;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Text rules shared by both doors: strict UTF-8, and which characters no stored request may hold. */
public final class Text {

    private Text() {
    }

    /** The bytes as strict UTF-8, or {@code null} when they are not. */
    public static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * The index of the first character text may not hold, or -1: NUL and every other control character (C0, DEL,
     * C1) except tab, line feed and carriage return when {@code lineBreaks} allows them, and unpaired surrogates.
     */
    public static int firstForbidden(String text, boolean lineBreaks) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                if (!(lineBreaks && (c == '\t' || c == '\n' || c == '\r'))) {
                    return i;
                }
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return i;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** The code point at {@code index} as {@code U+XXXX}. */
    public static String codePoint(String text, int index) {
        return String.format("U+%04X", (int) text.charAt(index));
    }

    /**
     * Text safe to store and to show: forbidden characters escaped as {@code \\uXXXX}, cut to {@code maxChars}
     * characters (with an ellipsis) so an attacker's megabyte never ends up in a reason or a log line.
     */
    public static String printable(String text, int maxChars) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 8);
        for (int i = 0; i < text.length(); i++) {
            if (out.length() >= maxChars) {
                out.append('…');
                break;
            }
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
