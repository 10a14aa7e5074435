package io.planpulse.targets.service;

import io.planpulse.model.event.EventTypes;
import io.planpulse.model.event.IndicatorDefined;
import io.planpulse.model.event.PlanDefined;
import io.planpulse.model.event.Topics;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.Plan;
import io.planpulse.platform.outbox.OutboxRow;
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

    OutboxRow planDefined(Plan plan, int version, Instant at) {
        PlanDefined event = new PlanDefined(plan.id(), version, plan.name(), plan.nameEn(), plan.window(),
                plan.timeZone(), plan.departments(), plan.nodes(),
                plan.indicators().stream().map(Indicator::id).toList(), plan.settings());
        return row(EventTypes.planKey(plan.id()), EventTypes.PLAN_DEFINED, plan.id(), version, at, codec.toJson(event));
    }

    OutboxRow planDeleted(String planId, int version, Instant at) {
        return row(EventTypes.planKey(planId), EventTypes.PLAN_DELETED, planId, version, at, null);
    }

    OutboxRow indicatorDefined(Plan plan, Indicator indicator, List<String> nodePath, int version, Instant at) {
        IndicatorDefined event = new IndicatorDefined(indicator.id(), version, plan.id(), plan.timeZone(), nodePath,
                indicator);
        return row(indicator.id(), EventTypes.INDICATOR_DEFINED, indicator.id(), version, at, codec.toJson(event));
    }

    OutboxRow indicatorDeleted(String indicatorId, int version, Instant at) {
        return row(indicatorId, EventTypes.INDICATOR_DELETED, indicatorId, version, at, null);
    }

    private static OutboxRow row(String key, String type, String subject, int version, Instant at, String payload) {
        return new OutboxRow(Topics.PLAN_TARGETS, key, type, UUID.randomUUID(), subject, at, version, payload);
    }
}
