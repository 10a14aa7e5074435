package io.planpulse.model.event;

import java.time.Instant;

/**
 * {@code planpulse.report.reviewed} on {@code indicator.reports.v1}, key = the indicator id: the plan
 * office approved or returned one submitted revision. It follows the revision's
 * {@code planpulse.report.accepted} on the same key, so a consumer always has the revision first.
 * {@code (indicatorId, period, revision)} identifies the revision; a revision is reviewed once, so
 * a consumer ignores a decision on one it has seen decided. An approved revision is official from
 * {@code reviewedAt}.
 *
 * @param decision APPROVED or RETURNED
 * @param comment  the reviewer's words; always present on a return
 */
public record ReportReviewed(
        String indicatorId,
        String period,
        int revision,
        ReviewState decision,
        String comment,
        ReportAccepted.ReportedBy reviewedBy,
        Instant reviewedAt) {
}
