package io.planpulse.model.plan;

import java.math.BigDecimal;

/** The kinds of indicator of DESIGN §3, each with its own target fields and progress rule. */
public enum IndicatorKind {
    LEVEL("0.1"),
    CUMULATIVE("0.1"),
    GROWTH("1"),
    AVERAGE_GROWTH("1"),
    RELATIVE("1"),
    MILESTONE("0"),
    THRESHOLD("0"),
    SERIES("0");

    private final BigDecimal defaultRiskBand;

    IndicatorKind(String defaultRiskBand) {
        this.defaultRiskBand = new BigDecimal(defaultRiskBand);
    }

    /** The tolerated shortfall before AT_RISK turns OFF_TRACK: a share, or percentage points for rates. */
    public BigDecimal defaultRiskBand() {
        return defaultRiskBand;
    }
}
