package io.planpulse.model.event;

import io.planpulse.model.plan.Department;
import io.planpulse.model.plan.Plan;
import io.planpulse.model.plan.PlanNode;
import io.planpulse.model.plan.PlanSettings;
import io.planpulse.model.plan.Window;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code planpulse.plan.defined} on {@code plan.targets.v1}, key = {@code plan:<planId>}: the plan's
 * tree, departments, window and time zone, the ids of its indicators, the plan's version, and its
 * settings (null for a plan without them).
 */
public record PlanDefined(
        String planId,
        int version,
        String name,
        String nameEn,
        Window window,
        String timeZone,
        List<Department> departments,
        List<PlanNode> nodes,
        List<String> indicatorIds,
        PlanSettings settings) {

    /** The time zone its dates are judged in: its own, or the default. */
    public ZoneId zone() {
        return ZoneId.of(timeZone == null ? Plan.DEFAULT_TIME_ZONE : timeZone);
    }
}
