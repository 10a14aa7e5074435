package io.planpulse.indicators.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.planpulse.indicators.service.CatalogueService;
import io.planpulse.model.event.PlanTargetsEvent;
import io.planpulse.model.event.Topics;
import io.planpulse.platform.consumer.DeadLetters;
import io.planpulse.platform.consumer.PlanTargetsRecords;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Learns the plan from plan.targets.v1. Each record is applied in a transaction before its offset is
 * committed. A record that cannot be read goes to plan.targets.v1.dlq and the consumer moves on; one
 * that cannot be applied (a database that is away) is tried again, and if it still cannot, the
 * consumer stops rather than move past it (health reports it).
 */
@ApplicationScoped
public class PlanTargetsConsumer {

    private final CatalogueService catalogue;
    private final DeadLetters deadLetters;
    private final ObjectMapper json;

    public PlanTargetsConsumer(CatalogueService catalogue, @Channel("dead-letters") Emitter<byte[]> deadLetters,
            MeterRegistry registry, ObjectMapper json) {
        this.catalogue = catalogue;
        this.deadLetters = new DeadLetters(deadLetters, registry, Topics.PLAN_TARGETS);
        this.json = json;
    }

    @Incoming("plan-targets")
    @Retry(maxRetries = 10, delay = 500, jitter = 200)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return Uni.createFrom().deferred(() -> deadLetters.read(record, r -> PlanTargetsRecords.read(r, json)))
                .flatMap(event -> event.map(this::apply).orElse(Uni.createFrom().voidItem()))
                .onFailure().invoke(e -> Log.errorf(e, "plan.targets.v1 %s: not applied", record.key()));
    }

    private Uni<Void> apply(PlanTargetsEvent event) {
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
