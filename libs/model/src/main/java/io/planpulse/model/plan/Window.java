package io.planpulse.model.plan;

/** A span of periods, both ends included: a plan's years, or a SERIES indicator's window. */
public record Window(String from, String to) {
}
