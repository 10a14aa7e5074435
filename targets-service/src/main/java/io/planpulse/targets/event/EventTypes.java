package io.planpulse.targets.event;

/** CloudEvents {@code type} values of targets-service's events. */
public final class EventTypes {

    public static final String INDICATOR_DEFINED = "planpulse.indicator.defined";
    public static final String INDICATOR_DELETED = "planpulse.indicator.deleted";
    public static final String PLAN_DEFINED = "planpulse.plan.defined";
    public static final String PLAN_DELETED = "planpulse.plan.deleted";

    /** The CloudEvents {@code source} of every event this service publishes. */
    public static final String SOURCE = "/planpulse/targets-service";

    private EventTypes() {
    }

    public static String planKey(String planId) {
        return "plan:" + planId;
    }
}
