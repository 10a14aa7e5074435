package io.planpulse.indicators.domain;

/** A problem of a row: its code and a message a person can act on. */
public record RowIssue(RowCode code, String message) {
}
