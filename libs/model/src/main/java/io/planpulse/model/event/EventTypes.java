package io.planpulse.model.event;

/** CloudEvents {@code type} values of the events of DESIGN §6, and their keys. */
public final class EventTypes {

    public static final String INDICATOR_DEFINED = "planpulse.indicator.defined";
    public static final String INDICATOR_DELETED = "planpulse.indicator.deleted";
    public static final String PLAN_DEFINED = "planpulse.plan.defined";
    public static final String PLAN_DELETED = "planpulse.plan.deleted";
    public static final String REPORT_ACCEPTED = "planpulse.report.accepted";
    public static final String REPORT_REVIEWED = "planpulse.report.reviewed";
    public static final String PROGRESS_UPDATED = "planpulse.progress.updated";
    public static final String PROGRESS_REMOVED = "planpulse.progress.removed";
    /** On the submitted basis's topic: nothing waits any more, the submitted basis is the official one. */
    public static final String PROGRESS_RECONCILED = "planpulse.progress.reconciled";
    public static final String STATUS_CHANGED = "planpulse.status.changed";
    public static final String ROLLUP_UPDATED = "planpulse.rollup.updated";
    public static final String ROUND_PUBLISHED = "planpulse.round.published";
    public static final String ROUND_REOPENED = "planpulse.round.reopened";
    public static final String EXPLANATION_GIVEN = "planpulse.explanation.given";

    private EventTypes() {
    }

    /** The key of a round's events on {@code plan.rounds.v1}. */
    public static String roundKey(String planId, String round) {
        return planId + "/" + round;
    }

    /** The key of a plan's events on {@code plan.targets.v1}. */
    public static String planKey(String planId) {
        return "plan:" + planId;
    }
}
