package io.planpulse.targets.service;

/** The outcome of a PUT and the plan as it is stored afterwards. */
public record PlanChange(ReplaceOutcome outcome, PlanSnapshot plan) {
}
