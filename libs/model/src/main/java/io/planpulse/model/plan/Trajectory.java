package io.planpulse.model.plan;

/** How a LEVEL indicator is expected to move from its baseline to its target. */
public enum Trajectory {
    LINEAR,
    COMPOUND
}
