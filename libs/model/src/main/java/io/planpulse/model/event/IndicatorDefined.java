package io.planpulse.model.event;

import io.planpulse.model.plan.Indicator;
import java.util.List;

/**
 * {@code planpulse.indicator.defined} on {@code plan.targets.v1}, key = the indicator id: the
 * indicator's whole definition as in the plan document (every default explicit), the plan and node
 * path it sits under, the plan's time zone, and the indicator's version. A consumer applies it only
 * when the version is newer than the one it holds; a tombstone with a higher {@code version}
 * header removes the indicator.
 */
public record IndicatorDefined(
        String indicatorId,
        int version,
        String planId,
        String timeZone,
        List<String> nodePath,
        Indicator definition) {
}
