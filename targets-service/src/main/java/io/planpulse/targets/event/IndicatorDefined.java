package io.planpulse.targets.event;

import java.util.List;
import java.util.Map;

/**
 * {@code planpulse.indicator.defined} on {@code plan.targets.v1}, key = the indicator id: the
 * indicator's whole definition as in the plan document (every default explicit), the plan and node
 * path it sits under, the plan's time zone, and the indicator's version. A consumer applies it only
 * when the version is newer than the one it has.
 */
public record IndicatorDefined(
        String indicatorId,
        int version,
        String planId,
        String timeZone,
        List<String> nodePath,
        Map<String, Object> definition) {
}
