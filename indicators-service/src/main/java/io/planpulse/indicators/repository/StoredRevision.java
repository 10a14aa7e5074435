package io.planpulse.indicators.repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A revision as stored and listed: the report, who sent it and when, and the warnings it raised. */
public record StoredRevision(String indicatorId, String period, int revision, BigDecimal value, boolean provisional,
                             boolean withdrawn, String note, String reason, String source, String dept, String subject,
                             Instant receivedAt, List<String> warnings) {
}
