package dev.genqueue.store.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * A position in the newest-first listing of dead letters: the last item seen. Travels as an opaque
 * base64url token so clients do not build it themselves.
 */
public record DeadLetterCursor(Instant createdAt, UUID id) {

    private static final char SEPARATOR = '|';

    /** The token form. */
    public String encode() {
        String plain = createdAt.toString() + SEPARATOR + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a token stands for; empty when it is not one this class made. */
    public static Optional<DeadLetterCursor> decode(String token) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int at = plain.indexOf(SEPARATOR);
            if (at < 0) {
                return Optional.empty();
            }
            return Optional.of(new DeadLetterCursor(Instant.parse(plain.substring(0, at)),
                    UUID.fromString(plain.substring(at + 1))));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The cursor just after {@code item}. */
    public static DeadLetterCursor after(DeadLetter item) {
        return new DeadLetterCursor(item.createdAt(), item.id());
    }
}
