package io.planpulse.reporting.round;

import io.planpulse.model.event.ReportAccepted;
import io.planpulse.model.event.RoundPublished;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A version of a published round, as cited: who published it when, each indicator's official
 * figure then and the official values of the round's periods then ({@code indicators},
 * {@code values}, {@code progress}: the plan's progress answer as of {@code publishedAt}), its
 * reopening if any, and every correction since: a period within the round whose official value
 * is no longer the one published.
 */
public record RoundView(String planId, String round, int version, String state, Instant publishedAt,
                        ReportAccepted.ReportedBy publishedBy, Reopened reopened, List<RoundPublished.Figure> indicators,
                        List<RoundPublished.Value> values, List<Correction> corrections, Map<String, Object> progress) {

    /** Who reopened the version, when and why. */
    public record Reopened(Instant at, String by, String reason) {
    }

    /**
     * A period within the round whose official value changed since publication: the published
     * revision and value (null: it had none then) and the current ones (null: withdrawn).
     */
    public record Correction(String indicatorId, String period, Integer publishedRevision, BigDecimal publishedValue,
                             int revision, BigDecimal value, Instant officialAt) {
    }
}
