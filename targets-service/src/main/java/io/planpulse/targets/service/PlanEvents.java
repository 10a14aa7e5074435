package io.planpulse.targets.service;

import io.planpulse.model.event.EventTypes;
import io.planpulse.model.event.IndicatorDefined;
import io.planpulse.model.event.PlanDefined;
import io.planpulse.model.event.Topics;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.Plan;
import io.planpulse.targets.repository.OutboxEntity;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Turns changes of the plan into the outbox rows of the events that describe them (DESIGN §6). */
@ApplicationScoped
public class PlanEvents {

    private final DocumentCodec codec;

    public PlanEvents(DocumentCodec codec) {
        this.codec = codec;
    }

    OutboxEntity planDefined(Plan plan, int version, Instant at) {
        PlanDefined event = new PlanDefined(plan.id(), version, plan.name(), plan.nameEn(), plan.window(),
                plan.timeZone(), plan.departments(), plan.nodes(), plan.indicators().stream().map(Indicator::id).toList());
        return row(EventTypes.planKey(plan.id()), EventTypes.PLAN_DEFINED, plan.id(), version, at, codec.toJson(event));
    }

    OutboxEntity planDeleted(String planId, int version, Instant at) {
        return row(EventTypes.planKey(planId), EventTypes.PLAN_DELETED, planId, version, at, null);
    }

    OutboxEntity indicatorDefined(Plan plan, Indicator indicator, List<String> nodePath, int version, Instant at) {
        IndicatorDefined event = new IndicatorDefined(indicator.id(), version, plan.id(), plan.timeZone(), nodePath,
                indicator);
        return row(indicator.id(), EventTypes.INDICATOR_DEFINED, indicator.id(), version, at, codec.toJson(event));
    }

    OutboxEntity indicatorDeleted(String indicatorId, int version, Instant at) {
        return row(indicatorId, EventTypes.INDICATOR_DELETED, indicatorId, version, at, null);
    }

    private static OutboxEntity row(String key, String type, String subject, int version, Instant at, String payload) {
        OutboxEntity row = new OutboxEntity();
        row.topic = Topics.PLAN_TARGETS;
        row.messageKey = key;
        row.eventType = type;
        row.eventId = UUID.randomUUID();
        row.subject = subject;
        row.occurredAt = at;
        row.version = version;
        row.payload = payload;
        return row;
    }
}
