package io.planpulse.model.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * {@code planpulse.report.accepted} on {@code indicator.reports.v1}, key = the indicator id: one
 * accepted revision of a period's value. {@code (indicatorId, period, revision)} identifies it; a
 * consumer ignores a revision it has already applied. A withdrawn revision has no value: the period
 * counts as unreported. {@code review} is SUBMITTED where the plan's office reviews values (the
 * revision becomes official only with its {@link ReportReviewed} approval), and null where the
 * plan has no review (official from {@code receivedAt}).
 */
public record ReportAccepted(
        String indicatorId,
        String period,
        int revision,
        BigDecimal value,
        boolean provisional,
        boolean withdrawn,
        String note,
        String reason,
        String source,
        ReportedBy reportedBy,
        Instant receivedAt,
        ReviewState review) {

    /** Who sent the revision: the department and the token's subject. */
    public record ReportedBy(String dept, String subject) {
    }
}
