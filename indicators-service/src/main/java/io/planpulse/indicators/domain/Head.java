package io.planpulse.indicators.domain;

import io.planpulse.model.event.ReviewState;
import java.math.BigDecimal;

/** The latest revision of a period, and where it stands in review (null: its plan had none). */
public record Head(int revision, BigDecimal value, boolean provisional, boolean withdrawn, String note,
                   ReviewState review) {

    /** The value this revision reports, or null when it withdrew it. */
    public BigDecimal reportedValue() {
        return withdrawn ? null : value;
    }
}
