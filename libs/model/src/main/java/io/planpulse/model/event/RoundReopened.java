package io.planpulse.model.event;

import java.time.Instant;

/**
 * {@code planpulse.round.reopened} on {@code plan.rounds.v1}, key = {@code <planId>/<round>}: an
 * admin reopened the published {@code version} of a round, with a reason. That version stays
 * citable; the office's next publication is the next version.
 */
public record RoundReopened(
        String planId,
        String round,
        int version,
        String reason,
        Instant reopenedAt,
        ReportAccepted.ReportedBy reopenedBy) {
}
