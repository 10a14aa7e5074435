package io.planpulse.targets.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One version of an indicator as the history lists it; {@code definition} is null once deleted. */
public record HistoryEntry(int version, String change, String planId, List<String> nodePath,
                           Map<String, Object> definition, Instant changedAt, String changedBy, String reason) {
}
