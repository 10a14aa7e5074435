package io.planpulse.targets.event;

import java.util.List;
import java.util.Map;

/**
 * {@code planpulse.plan.defined} on {@code plan.targets.v1}, key = {@code plan:<planId>}: the plan's
 * tree, departments, window and time zone, the ids of its indicators, and the plan's version.
 */
public record PlanDefined(
        String planId,
        int version,
        String name,
        String nameEn,
        Map<String, Object> window,
        String timeZone,
        List<Object> departments,
        List<Object> nodes,
        List<String> indicatorIds) {
}
