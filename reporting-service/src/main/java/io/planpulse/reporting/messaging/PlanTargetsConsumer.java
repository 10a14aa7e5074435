package io.planpulse.reporting.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.planpulse.model.event.PlanTargetsEvent;
import io.planpulse.model.event.Topics;
import io.planpulse.platform.consumer.DeadLetters;
import io.planpulse.platform.consumer.PlanTargetsRecords;
import io.planpulse.reporting.progress.Input;
import io.planpulse.reporting.progress.ProgressService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows the plan on plan.targets.v1, a poll's batch at a time: every version kept with the
 * instant it was made and the indicators it touches judged again once, in one transaction, before
 * the offsets are committed. A record that cannot be read goes to plan.targets.v1.dlq; a batch that
 * cannot be applied is tried again, and if it still cannot, the consumer stops rather than lose it.
 */
@ApplicationScoped
public class PlanTargetsConsumer {

    private final ProgressService progress;
    private final DeadLetters deadLetters;
    private final ObjectMapper json;

    public PlanTargetsConsumer(ProgressService progress, @Channel("dead-letters") Emitter<byte[]> deadLetters,
            MeterRegistry registry, ObjectMapper json) {
        this.progress = progress;
        this.deadLetters = new DeadLetters(deadLetters, registry, Topics.PLAN_TARGETS);
        this.json = json;
    }

    @Incoming("plan-targets")
    @Retry(maxRetries = 10, delay = 500, jitter = 200)
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        return Uni.createFrom().deferred(() -> deadLetters.<Input>readAll(records,
                        record -> input(PlanTargetsRecords.read(record, json))))
                .flatMap(progress::apply)
                .onFailure().invoke(e -> Log.errorf(e, "plan.targets.v1: a batch of %d was not applied", records.count()));
    }

    private static Input input(PlanTargetsEvent event) {
        if (event instanceof PlanTargetsEvent.IndicatorDefinedEvent e) {
            return new Input.IndicatorVersion(e.event(), e.at());
        }
        if (event instanceof PlanTargetsEvent.IndicatorRemoved e) {
            return new Input.IndicatorRemoval(e.indicatorId(), e.version(), e.at());
        }
        if (event instanceof PlanTargetsEvent.PlanDefinedEvent e) {
            return new Input.PlanVersion(e.event(), e.at());
        }
        PlanTargetsEvent.PlanRemoved e = (PlanTargetsEvent.PlanRemoved) event;
        return new Input.PlanRemoval(e.planId(), e.version(), e.at());
    }
}
