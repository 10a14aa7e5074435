package io.planpulse.model.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * {@code planpulse.round.published} on {@code plan.rounds.v1}, key = {@code <planId>/<round>}: the
 * plan office published a monitoring round. A round is named by a period of the plan's calendar
 * ({@code 2025}, {@code 2025-Q4}); each publication is a new {@code version} of it (the first is 1,
 * one after a reopening 2, …), and every version stays citable. The payload is the round's whole
 * record: each indicator's official status and figure at {@code publishedAt}, and every official
 * value of a period within the round then.
 */
public record RoundPublished(
        String planId,
        String round,
        int version,
        Instant publishedAt,
        ReportAccepted.ReportedBy publishedBy,
        List<Figure> indicators,
        List<Value> values) {

    /** An indicator's official standing at publication. */
    public record Figure(String indicatorId, String status, String period, Double actual, Integer revision) {
    }

    /** An official value of a period within the round at publication. */
    public record Value(String indicatorId, String period, int revision, BigDecimal value) {
    }

    public RoundPublished {
        indicators = List.copyOf(indicators);
        values = List.copyOf(values);
    }
}
