package io.planpulse.targets.domain;

/** What the store already knows of an indicator id: the plan it belongs to and its fixed kind and grain. */
public record ExistingIndicator(String id, String planId, IndicatorKind kind, Grain frequency) {
}
