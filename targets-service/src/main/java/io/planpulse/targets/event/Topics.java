package io.planpulse.targets.event;

/** The topics targets-service publishes on (DESIGN §6). */
public final class Topics {

    /** Compacted; key = indicator id, or {@code plan:<planId>} for plan events. */
    public static final String PLAN_TARGETS = "plan.targets.v1";

    private Topics() {
    }
}
