package io.planpulse.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A topic record's JSON payload, as the tests read it. */
final class Payloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {
    }

    static JsonNode of(ConsumerRecord<String, byte[]> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A field of the payload as text; null for a tombstone or a field absent or null. */
    static String field(ConsumerRecord<String, byte[]> record, String name) {
        if (record.value() == null) {
            return null;
        }
        JsonNode node = of(record).get(name);
        return node == null || node.isNull() ? null : node.asText();
    }
}
