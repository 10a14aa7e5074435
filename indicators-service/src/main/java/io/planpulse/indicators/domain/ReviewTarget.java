package io.planpulse.indicators.domain;

import io.planpulse.model.event.ReviewState;

/**
 * What a review decides on: the latest revision of a period as it stands once the period is
 * locked, who sent it, and the office of the indicator's plan (null: the plan names none).
 */
public record ReviewTarget(ReportKey key, int revision, ReviewState state, String reportedBySubject, String office) {
}
