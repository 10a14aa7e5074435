package io.planpulse.indicators.domain;

/** A warning on an accepted row. */
public record Warning(WarningCode code, String message) {
}
