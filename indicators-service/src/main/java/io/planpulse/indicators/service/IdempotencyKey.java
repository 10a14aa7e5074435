package io.planpulse.indicators.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Idempotency-Key with the fingerprint of its request: the same JSON after parsing (key order and
 * number spelling do not matter), or the same bytes for CSV, on the same endpoint.
 */
public record IdempotencyKey(String key, String requestHash) {

    private static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public static IdempotencyKey ofJson(String key, String endpoint, JsonNode body) {
        try {
            return new IdempotencyKey(key, sha256(endpoint + "\n" + CANONICAL.writeValueAsString(canonical(body))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static IdempotencyKey ofBytes(String key, String endpoint, byte[] body) {
        MessageDigest digest = digest();
        digest.update((endpoint + "\n").getBytes(StandardCharsets.UTF_8));
        return new IdempotencyKey(key, HexFormat.of().formatHex(digest.digest(body)));
    }

    private static Object canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sorted.put(e.getKey(), canonical(e.getValue()));
            }
            return sorted;
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            return items;
        }
        if (node.isNumber()) {
            BigDecimal n = node.decimalValue().stripTrailingZeros();
            return n.signum() == 0 ? "0" : n.toPlainString();
        }
        return node;
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
