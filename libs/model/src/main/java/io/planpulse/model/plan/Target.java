package io.planpulse.model.plan;

import java.math.BigDecimal;

/**
 * What an indicator must reach. Either {@code period} or the span {@code from}..{@code to} is
 * set, as the indicator's kind requires; {@code value} is absent for a MILESTONE.
 */
public record Target(String period, String from, String to, BigDecimal value) {
}
