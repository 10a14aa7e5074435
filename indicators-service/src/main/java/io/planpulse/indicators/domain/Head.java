package io.planpulse.indicators.domain;

import java.math.BigDecimal;

/** The latest revision of a period. */
public record Head(int revision, BigDecimal value, boolean provisional, boolean withdrawn, String note) {

    /** The value this revision reports, or null when it withdrew it. */
    public BigDecimal reportedValue() {
        return withdrawn ? null : value;
    }
}
