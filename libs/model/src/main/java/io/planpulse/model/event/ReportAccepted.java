package io.planpulse.model.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * {@code planpulse.report.accepted} on {@code indicator.reports.v1}, key = the indicator id: one
 * accepted revision of a period's value. {@code (indicatorId, period, revision)} identifies it; a
 * consumer ignores a revision it has already applied. A withdrawn revision has no value: the period
 * counts as unreported.
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
        Instant receivedAt) {

    /** Who sent the revision: the department and the token's subject. */
    public record ReportedBy(String dept, String subject) {
    }
}
