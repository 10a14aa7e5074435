package io.planpulse.indicators.repository;

import io.planpulse.model.event.ReviewState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A revision as stored and listed: the report, who sent it and when, the warnings it raised, and
 * where it stands in review (null where its plan had none) with the decision on it, if any.
 */
public record StoredRevision(String indicatorId, String period, int revision, BigDecimal value, boolean provisional,
                             boolean withdrawn, String note, String reason, String source, String dept, String subject,
                             Instant receivedAt, List<String> warnings, ReviewState review, Decision decision) {

    /** The reviewer's decision: who, when, and the comment. */
    public record Decision(String dept, String subject, Instant at, String comment) {
    }
}
