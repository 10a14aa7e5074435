package io.planpulse.model.plan;

/** Whether a growth indicator is reported as a rate in percent or as amounts it is derived from. */
public enum Input {
    RATE,
    AMOUNT
}
