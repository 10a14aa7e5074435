package io.planpulse.model.event;

import java.time.Instant;

/**
 * {@code planpulse.explanation.given} on {@code plan.rounds.v1}, key = {@code <planId>/<round>}: a
 * department explained why an indicator lags in a round — the cause, the measures that will close
 * the gap, and when it expects to be back on track — as revision {@code revision} of that
 * explanation (every revision is kept). {@code status} is the indicator's status in the round then.
 *
 * @param lang {@code zh} or {@code en}: the language it is written in
 */
public record ExplanationGiven(
        String planId,
        String round,
        String indicatorId,
        int revision,
        String status,
        String cause,
        String measures,
        String expectedRecovery,
        String lang,
        ReportAccepted.ReportedBy writtenBy,
        Instant writtenAt) {
}
