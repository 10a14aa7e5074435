package io.planpulse.model.plan;

import java.math.BigDecimal;

/** A LEVEL indicator's starting point; without a value it is taken from the report for its period. */
public record Baseline(String period, BigDecimal value) {
}
