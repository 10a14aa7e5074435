package io.planpulse.reporting.domain;

import java.math.BigDecimal;
import java.time.Instant;

/** One revision of a period's value, as received. A withdrawn revision has no value. */
public record Revision(String period, int revision, BigDecimal value, boolean provisional, boolean withdrawn,
                       Instant receivedAt) {

    public static Revision of(String period, int revision, String value, Instant receivedAt) {
        return new Revision(period, revision, new BigDecimal(value), false, false, receivedAt);
    }
}
