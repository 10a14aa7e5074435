package io.planpulse.reporting.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.common.event.PlanTargetsEvent;
import io.planpulse.reporting.service.ProgressService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows the plan on plan.targets.v1: every version kept with the instant it was made, the
 * indicators it touches judged again, before the offset is committed. Poison goes to the DLQ.
 */
@ApplicationScoped
public class PlanTargetsConsumer {

    private final ProgressService progress;
    private final ObjectMapper json;

    public PlanTargetsConsumer(ProgressService progress, ObjectMapper json) {
        this.progress = progress;
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
            return progress.indicatorDefined(e.event(), e.at());
        }
        if (event instanceof PlanTargetsEvent.IndicatorRemoved e) {
            return progress.indicatorRemoved(e.indicatorId(), e.version(), e.at());
        }
        if (event instanceof PlanTargetsEvent.PlanDefinedEvent e) {
            return progress.planDefined(e.event(), e.at());
        }
        PlanTargetsEvent.PlanRemoved e = (PlanTargetsEvent.PlanRemoved) event;
        return progress.planRemoved(e.planId(), e.version(), e.at());
    }
}
