package io.planpulse.platform.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.model.event.CloudEventHeaders;
import io.planpulse.model.event.EventTypes;
import io.planpulse.model.event.IndicatorDefined;
import io.planpulse.model.event.PlanDefined;
import io.planpulse.model.event.PlanTargetsEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Reads the records of plan.targets.v1 into {@link PlanTargetsEvent}s, as both consuming services do. */
public final class PlanTargetsRecords {

    private PlanTargetsRecords() {
    }

    /** Reads a record; one that cannot be read is an {@link IllegalArgumentException} (a poison record). */
    public static PlanTargetsEvent read(ConsumerRecord<String, byte[]> record, ObjectMapper json) {
        String key = record.key();
        if (key == null) {
            throw new IllegalArgumentException("a plan.targets.v1 record without a key");
        }
        String planPrefix = EventTypes.planKey("");
        boolean plan = key.startsWith(planPrefix);
        Instant at = time(record);
        if (record.value() == null) {
            int version = Integer.parseInt(header(record, CloudEventHeaders.VERSION));
            return plan ? new PlanTargetsEvent.PlanRemoved(key.substring(planPrefix.length()), version, at)
                    : new PlanTargetsEvent.IndicatorRemoved(key, version, at);
        }
        try {
            if (plan) {
                return new PlanTargetsEvent.PlanDefinedEvent(json.readValue(record.value(), PlanDefined.class), at);
            }
            IndicatorDefined event = json.readValue(record.value(), IndicatorDefined.class);
            if (event.definition() == null || !key.equals(event.indicatorId())) {
                throw new IllegalArgumentException("an indicator event whose payload does not match its key " + key);
            }
            return new PlanTargetsEvent.IndicatorDefinedEvent(event, at);
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
