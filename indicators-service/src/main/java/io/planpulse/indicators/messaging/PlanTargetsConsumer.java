package io.planpulse.indicators.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.common.event.PlanTargetsEvent;
import io.planpulse.indicators.service.CatalogueService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Learns the plan from plan.targets.v1. Each record is applied in a transaction before its offset is
 * committed; a failure to apply it is tried again a few times (a database that is briefly away), and a
 * record that cannot be read goes to plan.targets.v1.dlq at once; either way the consumer moves on.
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
    @Retry(maxRetries = 5, delay = 200, jitter = 100, abortOn = IllegalArgumentException.class)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return apply(record).onFailure().invoke(e -> Log.errorf(e, "plan.targets.v1 %s: not applied; to the dead-letter topic",
                record.key()));
    }

    private Uni<Void> apply(ConsumerRecord<String, byte[]> record) {
        PlanTargetsEvent event = PlanTargetsEvent.read(record, json);
        if (event instanceof PlanTargetsEvent.IndicatorDefinedEvent e) {
            return catalogue.indicatorDefined(e.event());
        }
        if (event instanceof PlanTargetsEvent.IndicatorRemoved e) {
            return catalogue.indicatorDeleted(e.indicatorId(), e.version());
        }
        if (event instanceof PlanTargetsEvent.PlanDefinedEvent e) {
            return catalogue.planDefined(e.event());
        }
        PlanTargetsEvent.PlanRemoved e = (PlanTargetsEvent.PlanRemoved) event;
        return catalogue.planDeleted(e.planId(), e.version());
    }
}
