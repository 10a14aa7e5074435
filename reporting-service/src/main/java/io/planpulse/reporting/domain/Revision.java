package io.planpulse.reporting.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One revision of a period's value. A withdrawn revision has no value. {@code knownAt} is the instant
 * it counts from on the basis it was read for: on the official one, when it became official (its
 * receipt, or where the plan's office reviews values its approval); in the list of everything
 * received, its receipt.
 */
public record Revision(String period, int revision, BigDecimal value, boolean provisional, boolean withdrawn,
                       Instant knownAt) {

    public static Revision of(String period, int revision, String value, Instant knownAt) {
        return new Revision(period, revision, new BigDecimal(value), false, false, knownAt);
    }
}
