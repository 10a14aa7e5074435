package io.planpulse.targets.service;

import java.time.Instant;

/** A line of the plan list. */
public record PlanSummary(String id, String name, String nameEn, Object window, int version, String etag,
                          Instant updatedAt, int indicatorCount) {
}
