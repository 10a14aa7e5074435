package io.planpulse.reporting.domain;

/** A period's usable value, as a trend shows it. */
public record TrendPoint(String period, double value, boolean provisional) {
}
