package io.planpulse.model.event;

import java.time.Instant;

/**
 * A record of plan.targets.v1 as a consumer sees it: an indicator or plan defined, or removed by a
 * tombstone, each with its version and the instant of the change ({@code ce_time}). Read from a
 * Kafka record by the platform's {@code PlanTargetsRecords}.
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
}
