package io.planpulse.model.event;

import java.time.Duration;
import java.util.List;

/**
 * The topics of DESIGN §6 and their settings: the one registry that everything takes. The services
 * name them; whoever runs a broker creates them from here ({@code ./planpulse up}, the tests and the
 * fault suite through libs/local); deploy/'s KafkaTopic resources must equal them (a test compares).
 */
public final class Topics {

    /** Compacted; targets-service; key = indicator id, or {@code plan:<planId>} for plan events. */
    public static final String PLAN_TARGETS = "plan.targets.v1";

    /** Kept for good (a rebuild of reporting-service replays it); indicators-service; key = indicator id. */
    public static final String INDICATOR_REPORTS = "indicator.reports.v1";

    /** Compacted; reporting-service; key = indicator id. */
    public static final String INDICATOR_PROGRESS = "indicator.progress.v1";

    /**
     * Compacted; reporting-service; key = indicator id: the progress on the submitted basis (every
     * value as received, whether reviewed or not), only while it differs from the official one.
     */
    public static final String INDICATOR_PROGRESS_SUBMITTED = "indicator.progress.submitted.v1";

    /** Kept a year; reporting-service; key = indicator id. */
    public static final String PROGRESS_ALERTS = "progress.alerts.v1";

    /** Compacted; reporting-service; key = {@code plan:…}, {@code node:…} or {@code dept:…}. */
    public static final String PLAN_ROLLUPS = "plan.rollups.v1";

    /**
     * Kept for good (a round's record is citable for as long as the plan office keeps its files);
     * reporting-service; key = {@code <planId>/<round>}.
     */
    public static final String PLAN_ROUNDS = "plan.rounds.v1";

    private static final int PARTITIONS = 3;
    /**
     * The reports: reporting-service's consumers each apply the partitions they own in parallel
     * (DESIGN §2, "How reporting-service applies"), so the partitions bound how many consumers, over
     * all instances, share the apply: 12 lets 4 instances of 3 consumers each take their part.
     */
    private static final int REPORT_PARTITIONS = 12;
    private static final int DEAD_LETTER_PARTITIONS = 1;
    private static final Duration ALERT_RETENTION = Duration.ofDays(365);
    private static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

    /** Every topic, in the order of DESIGN §6, then the dead-letter topics. */
    public static final List<Topic> ALL = List.of(
            Topic.compacted(PLAN_TARGETS, PARTITIONS),
            Topic.keptForGood(INDICATOR_REPORTS, REPORT_PARTITIONS),
            Topic.compacted(INDICATOR_PROGRESS, PARTITIONS),
            Topic.compacted(INDICATOR_PROGRESS_SUBMITTED, PARTITIONS),
            Topic.keptFor(PROGRESS_ALERTS, PARTITIONS, ALERT_RETENTION),
            Topic.compacted(PLAN_ROLLUPS, PARTITIONS),
            Topic.keptForGood(PLAN_ROUNDS, PARTITIONS),
            Topic.keptFor(deadLetter(PLAN_TARGETS), DEAD_LETTER_PARTITIONS, DEAD_LETTER_RETENTION),
            Topic.keptFor(deadLetter(INDICATOR_REPORTS), DEAD_LETTER_PARTITIONS, DEAD_LETTER_RETENTION));

    /** The topic of this name in the registry. */
    public static Topic named(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no topic " + name + " in the registry"));
    }

    /** Where a consumer puts a record it cannot process: {@code <topic>.dlq}. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    private Topics() {
    }
}
