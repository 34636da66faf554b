package dev.genqueue.store.callback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The per-job secret of a callback URL: generated at submit, only its SHA-256 is stored
 * ({@code job.callback_token_hash}), and a presented token is compared with it in constant time.
 */
public final class CallbackTokens {

    /** Random bytes in a token: 256 bits, unguessable. */
    public static final int TOKEN_BYTES = 32;

    // 32 bytes in unpadded base64url are exactly 43 characters
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private CallbackTokens() {
    }

    /** A new token: 32 random bytes, base64url without padding (safe in a URL path segment). */
    public static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** The value to store for a token: its SHA-256 as 64 lower-case hex characters. */
    public static String hash(String token) {
        return HexFormat.of().formatHex(sha256().digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether {@code token} hashes to {@code storedHash}, in time independent of where they differ. */
    public static boolean matches(String token, String storedHash) {
        if (token == null || storedHash == null) {
            return false;
        }
        byte[] presented = hash(token).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(presented, storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether {@code value} has the shape of a token; anything else cannot match and needs no lookup. */
    public static boolean isWellFormed(String value) {
        return value != null && TOKEN.matcher(value).matches();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
