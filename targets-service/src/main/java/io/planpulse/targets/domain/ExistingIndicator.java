package io.planpulse.targets.domain;

import io.planpulse.model.plan.Grain;
import io.planpulse.model.plan.IndicatorKind;
/**
 * What the store already knows of an indicator id: the plan it belongs to (or belonged to, when
 * no longer live) and its kind and grain, which never change.
 */
public record ExistingIndicator(String id, String planId, IndicatorKind kind, Grain frequency, boolean live) {
}
