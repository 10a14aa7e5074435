package io.planpulse.indicators.domain;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The numbers a report may carry. reporting-service computes progress, forecasts and roll-ups in
 * doubles, so a stored value must survive the trip into a double and back unchanged: a magnitude
 * below 10^15, at most 15 significant digits (a double holds 15 exactly) and at most 6 of them after
 * the decimal point (the finest unit a plan's indicators use is far coarser). Anything else — 1e309,
 * 4.9e-324, 9007199254740993 — is refused with {@code VALUE_INVALID} instead of being stored and
 * rounded, or overflowing, somewhere downstream. {@code -0} is 0 (a decimal has no negative zero).
 */
public final class ReportValue {

    /** Values lie strictly between minus and plus this. */
    public static final BigDecimal LIMIT = BigDecimal.TEN.pow(15);
    public static final int SIGNIFICANT_DIGITS = 15;
    public static final int DECIMALS = 6;

    private static final String RULE = "a value lies between -10^15 and 10^15 (exclusive), with at most "
            + SIGNIFICANT_DIGITS + " significant digits, at most " + DECIMALS + " after the decimal point";

    private ReportValue() {
    }

    /** Why a finite number may not be stored as a report's value, or empty when it may. */
    public static Optional<String> problem(BigDecimal value, String asSent) {
        BigDecimal v = value.stripTrailingZeros();
        if (v.abs().compareTo(LIMIT) >= 0 || v.precision() > SIGNIFICANT_DIGITS || v.scale() > DECIMALS) {
            return Optional.of("'" + asSent + "' is out of range: " + RULE);
        }
        return Optional.empty();
    }
}
