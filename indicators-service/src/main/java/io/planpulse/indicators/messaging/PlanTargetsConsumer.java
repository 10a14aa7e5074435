package io.planpulse.indicators.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.common.event.CloudEventHeaders;
import io.planpulse.common.event.EventTypes;
import io.planpulse.common.event.IndicatorDefined;
import io.planpulse.common.event.PlanDefined;
import io.planpulse.indicators.service.CatalogueService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Learns the plan from plan.targets.v1. Each record is applied in a transaction before its offset is
 * committed; a record that cannot be read goes to plan.targets.v1.dlq and the consumer moves on.
 */
@ApplicationScoped
public class PlanTargetsConsumer {

    private final CatalogueService catalogue;
    private final ObjectMapper json;

    public PlanTargetsConsumer(CatalogueService catalogue, ObjectMapper json) {
        this.catalogue = catalogue;
        this.json = json;
    }

    @Incoming("plan-targets")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        if (key == null) {
            throw new IllegalArgumentException("a plan.targets.v1 record without a key");
        }
        boolean plan = key.startsWith(EventTypes.planKey(""));
        if (record.value() == null) {
            int version = Integer.parseInt(header(record, CloudEventHeaders.VERSION));
            return plan ? catalogue.planDeleted(key.substring(EventTypes.planKey("").length()), version)
                    : catalogue.indicatorDeleted(key, version);
        }
        try {
            if (plan) {
                return catalogue.planDefined(json.readValue(record.value(), PlanDefined.class));
            }
            IndicatorDefined event = json.readValue(record.value(), IndicatorDefined.class);
            if (event.definition() == null || !key.equals(event.indicatorId())) {
                throw new IllegalArgumentException("an indicator event whose payload does not match its key " + key);
            }
            return catalogue.indicatorDefined(event);
        } catch (IOException e) {
            throw new IllegalArgumentException("a plan.targets.v1 record that does not read: " + e.getMessage(), e);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null) {
            throw new IllegalArgumentException("a tombstone without a " + name + " header");
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
