package io.planpulse.targets.service;

import java.time.Instant;
import java.util.Map;

/** A stored plan as the API serves it: the canonical document and its read-only facts. */
public record PlanSnapshot(
        String planId,
        Map<String, Object> document,
        int version,
        Instant updatedAt,
        String updatedBy,
        Map<String, IndicatorMeta> indicators) {

    /** A strong entity tag that changes with every version of the plan. */
    public String etag() {
        return Etags.of(planId, version);
    }
}
