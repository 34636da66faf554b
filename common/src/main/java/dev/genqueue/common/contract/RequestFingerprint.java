package dev.genqueue.common.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * SHA-256 over a canonical form of a request (object keys sorted). Two requests with the same idempotency
 * key and the same fingerprint are one job; the same key with another fingerprint is a conflict.
 */
public final class RequestFingerprint {

    private RequestFingerprint() {
    }

    /** Hex SHA-256 of everything that defines the generation (not the idempotency key itself). */
    public static String of(GenerationRequest request) {
        ObjectNode canonical = Json.mapper().createObjectNode();
        canonical.put("tenantId", request.tenantId());
        canonical.put("projectId", request.projectId());
        canonical.put("model", request.model());
        canonical.put("delivery", request.delivery() == null ? null : request.delivery().wireName());
        canonical.set("input", request.input());
        return sha256(canonicalJson(canonical));
    }

    /** Serialises a JSON tree with object keys in sorted order at every level. */
    public static String canonicalJson(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(Json.mapper().getNodeFactory().textNode(names.get(i)).toString()).append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
