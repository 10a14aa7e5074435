package io.planpulse.model.event;

/**
 * {@code planpulse.status.changed} on {@code progress.alerts.v1}, key = the indicator id: an
 * indicator's status went from {@code from} to {@code to}. {@code period} is the period its progress
 * is judged at, {@code changedPeriod} the period whose report caused the change (null for other
 * causes), {@code version} the progress document's version that carries the new status;
 * {@code explanation} the latest explanation its department gave for it in any round (null: none),
 * so that whoever acts on the alert reads why it lags and what is done about it.
 */
public record StatusChanged(String indicatorId, String period, String changedPeriod, String from, String to,
                            Cause cause, int version, Explanation explanation) {

    /** An explanation, as given for a round: its revision, cause, measures and expected recovery. */
    public record Explanation(String round, int revision, String cause, String measures, String expectedRecovery,
                              String lang) {
    }

    /** What changed the status. */
    public enum Cause {
        /** A period's first value. */
        REPORT,
        /** A later revision of a period, or a withdrawal. */
        REVISION,
        /** The indicator's definition or target, or its benchmark's or subject's values. */
        TARGET_CHANGE,
        /** A report fell due without arriving. */
        LATE,
        /** Time alone: a due date passed. */
        CLOCK
    }
}
