package io.planpulse.indicators.service;

import io.planpulse.model.event.ReviewState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A page of revisions, newest first. */
public record ReportPage(List<Item> items, int page, int size, long total) {

    public record Item(String indicatorId, String period, int revision, BigDecimal value, boolean provisional,
                       boolean withdrawn, String note, String reason, String source, ReportedBy reportedBy,
                       Instant receivedAt, List<String> warnings, ReviewState review, Reviewed reviewed) {
    }

    /** The review decision on a revision: who decided, when, and the comment (always there on a return). */
    public record Reviewed(ReportedBy by, Instant at, String comment) {
    }

    public record ReportedBy(String dept, String subject) {
    }
}
