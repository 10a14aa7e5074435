package io.planpulse.common.event;

/** CloudEvents {@code type} values of the events of DESIGN §6, and their keys. */
public final class EventTypes {

    public static final String INDICATOR_DEFINED = "planpulse.indicator.defined";
    public static final String INDICATOR_DELETED = "planpulse.indicator.deleted";
    public static final String PLAN_DEFINED = "planpulse.plan.defined";
    public static final String PLAN_DELETED = "planpulse.plan.deleted";
    public static final String REPORT_ACCEPTED = "planpulse.report.accepted";

    private EventTypes() {
    }

    /** The key of a plan's events on {@code plan.targets.v1}. */
    public static String planKey(String planId) {
        return "plan:" + planId;
    }
}
