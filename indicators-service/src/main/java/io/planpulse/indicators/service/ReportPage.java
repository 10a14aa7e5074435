package io.planpulse.indicators.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A page of revisions, newest first. */
public record ReportPage(List<Item> items, int page, int size, long total) {

    public record Item(String indicatorId, String period, int revision, BigDecimal value, boolean provisional,
                       boolean withdrawn, String note, String reason, String source, ReportedBy reportedBy,
                       Instant receivedAt, List<String> warnings) {
    }

    public record ReportedBy(String dept, String subject) {
    }
}
