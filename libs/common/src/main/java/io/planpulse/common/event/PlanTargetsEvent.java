package io.planpulse.common.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A record of plan.targets.v1 as a consumer sees it: an indicator or plan defined, or removed by a
 * tombstone, each with its version and the instant of the change ({@code ce_time}).
 */
public sealed interface PlanTargetsEvent {

    int version();

    Instant at();

    record IndicatorDefinedEvent(IndicatorDefined event, Instant at) implements PlanTargetsEvent {
        @Override
        public int version() {
            return event.version();
        }
    }

    record IndicatorRemoved(String indicatorId, int version, Instant at) implements PlanTargetsEvent {
    }

    record PlanDefinedEvent(PlanDefined event, Instant at) implements PlanTargetsEvent {
        @Override
        public int version() {
            return event.version();
        }
    }

    record PlanRemoved(String planId, int version, Instant at) implements PlanTargetsEvent {
    }

    /** Reads a record; one that cannot be read is an {@link IllegalArgumentException} (a poison record). */
    static PlanTargetsEvent read(ConsumerRecord<String, byte[]> record, ObjectMapper json) {
        String key = record.key();
        if (key == null) {
            throw new IllegalArgumentException("a plan.targets.v1 record without a key");
        }
        String planPrefix = EventTypes.planKey("");
        boolean plan = key.startsWith(planPrefix);
        Instant at = time(record);
        if (record.value() == null) {
            int version = Integer.parseInt(header(record, CloudEventHeaders.VERSION));
            return plan ? new PlanRemoved(key.substring(planPrefix.length()), version, at)
                    : new IndicatorRemoved(key, version, at);
        }
        try {
            if (plan) {
                return new PlanDefinedEvent(json.readValue(record.value(), PlanDefined.class), at);
            }
            IndicatorDefined event = json.readValue(record.value(), IndicatorDefined.class);
            if (event.definition() == null || !key.equals(event.indicatorId())) {
                throw new IllegalArgumentException("an indicator event whose payload does not match its key " + key);
            }
            return new IndicatorDefinedEvent(event, at);
        } catch (IOException e) {
            throw new IllegalArgumentException("a plan.targets.v1 record that does not read: " + e.getMessage(), e);
        }
    }

    private static Instant time(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(CloudEventHeaders.TIME);
        return header == null ? Instant.ofEpochMilli(record.timestamp())
                : Instant.parse(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null) {
            throw new IllegalArgumentException("a tombstone without a " + name + " header");
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
