package io.planpulse.targets.service;

import java.util.List;
import java.util.Map;

/** One stored indicator: its definition, the plan and node path it sits under, and its facts. */
public record IndicatorSnapshot(String planId, List<String> nodePath, Map<String, Object> definition, IndicatorMeta meta) {
}
