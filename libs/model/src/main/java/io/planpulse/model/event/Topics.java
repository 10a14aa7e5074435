package io.planpulse.model.event;

/** The topics of DESIGN §6. */
public final class Topics {

    /** Compacted; targets-service; key = indicator id, or {@code plan:<planId>} for plan events. */
    public static final String PLAN_TARGETS = "plan.targets.v1";

    /** Retention ≥ 7 days; indicators-service; key = indicator id. */
    public static final String INDICATOR_REPORTS = "indicator.reports.v1";

    /** Compacted; reporting-service; key = indicator id. */
    public static final String INDICATOR_PROGRESS = "indicator.progress.v1";

    /** reporting-service; key = indicator id. */
    public static final String PROGRESS_ALERTS = "progress.alerts.v1";

    /** Compacted; reporting-service; key = {@code plan:…}, {@code node:…} or {@code dept:…}. */
    public static final String PLAN_ROLLUPS = "plan.rollups.v1";

    /** Where a consumer puts a record it cannot process: {@code <topic>.dlq}. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    private Topics() {
    }
}
