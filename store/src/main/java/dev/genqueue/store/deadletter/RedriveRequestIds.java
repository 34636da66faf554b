package dev.genqueue.store.deadletter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Request ids of jobs redriven from exhausted jobs: {@code <original>:redrive:<n>}, where {@code n} counts
 * the redrives of the original request, so redriving the same dead letter twice names the same job.
 */
public final class RedriveRequestIds {

    /** Longest request id the validator accepts. */
    static final int MAX_LENGTH = 128;

    private static final Pattern REDRIVEN = Pattern.compile("(.+):redrive:(\\d{1,9})");
    private static final int HASH_CHARS = 12;

    private RedriveRequestIds() {
    }

    /** The request id of the next redrive of the job with {@code requestId}. */
    public static String next(String requestId) {
        Matcher redriven = REDRIVEN.matcher(requestId);
        String original = requestId;
        int n = 1;
        if (redriven.matches()) {
            original = redriven.group(1);
            n = Integer.parseInt(redriven.group(2)) + 1;
        }
        String suffix = ":redrive:" + n;
        if (original.length() + suffix.length() <= MAX_LENGTH) {
            return original + suffix;
        }
        // too long to append: a readable prefix plus a digest of the whole original keeps ids distinct
        String digest = "." + sha256Hex(original).substring(0, HASH_CHARS);
        return original.substring(0, MAX_LENGTH - suffix.length() - digest.length()) + digest + suffix;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
