package io.planpulse.targets.service;

/** What a PUT of a plan did. */
public enum ReplaceOutcome {
    CREATED,
    REPLACED,
    UNCHANGED
}
